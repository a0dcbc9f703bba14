// Sends the user's typing as XEP-0301 real-time text: keeps the line being typed, and at each
// transmission interval turns what changed since the last one into one <rtt/> event.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xmpp/rtt_event.hpp"

namespace talk::xmpp {

using SteadyTime = std::chrono::steady_clock::time_point;

/// XEP-0301's recommended pacing: one transmission per interval at most, and a full refresh
/// (reset) now and then while a message is being typed.
inline constexpr std::chrono::milliseconds kRttInterval{700};
inline constexpr std::chrono::seconds kRttRefreshInterval{10};

class RttEncoder {
 public:
  /// `first_seq`: the sequence number of the first event (random, as the XEP recommends).
  explicit RttEncoder(std::uint32_t first_seq) : seq_(first_seq) {}

  /// The user's edits, each acting at the end of the line as in talk.
  void type(std::string_view utf8);
  void erase_char();
  void erase_word();  // trailing spaces, then the word before them
  void kill_line();

  /// The event to send at `now`, if one is due: nothing before the interval has passed since
  /// the last one or when nothing changed; `new` for a message's first event, `reset` every
  /// refresh interval, `edit` otherwise.
  std::optional<RttEvent> poll(SteadyTime now);
  /// When poll() may next have something to send (for the poll loop's timeout).
  std::optional<SteadyTime> next_due() const;

  /// Enter: returns the line for the message <body/> and starts a new message.
  std::string commit();

  const std::u32string& line() const { return line_; }
  bool changed() const { return line_ != sent_; }

 private:
  RttEvent next_event(RttEventType type);

  std::u32string line_;
  std::u32string sent_;  // the line as the peer has it after our last event
  std::uint32_t seq_;
  bool started_ = false;  // a `new` was sent for the current message
  std::optional<SteadyTime> last_sent_;
  std::optional<SteadyTime> last_refresh_;
};

}  // namespace talk::xmpp
