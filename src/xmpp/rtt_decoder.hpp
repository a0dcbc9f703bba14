// Receives a peer's XEP-0301 real-time text: applies <rtt/> events to the line the peer is
// typing, with sequence checking (after a gap, edits wait for the next new or reset).
#pragma once

#include <cstdint>
#include <string>

#include "xmpp/rtt_event.hpp"

namespace talk::xmpp {

class RttDecoder {
 public:
  enum class Outcome : std::uint8_t {
    Applied,    // the line changed (or may have)
    OutOfSync,  // a gap in seq or an edit without a new/reset first: ignored until the next one
    Cancelled,  // the peer cancelled real-time text: the line is gone
    Nothing,    // init, or nothing to do
  };

  Outcome apply(const RttEvent& event);

  /// A <body/> ends the message: returns the committed line (the body's text, bounded) and
  /// starts afresh; the next message begins with a new event.
  std::u32string commit(std::string_view body);

  const std::u32string& line() const { return line_; }
  bool in_sync() const { return in_sync_; }
  bool has_seen_rtt() const { return seen_rtt_; }

 private:
  void run(const RttEvent& event);

  std::u32string line_;
  std::uint32_t last_seq_ = 0;
  bool in_sync_ = false;
  bool seen_rtt_ = false;
};

}  // namespace talk::xmpp
