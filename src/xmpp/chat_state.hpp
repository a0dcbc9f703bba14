// XEP-0085 chat states: their names, and when to send which (composing on the first key,
// paused after a pause in typing, active with each message, gone on leaving).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace talk::xmpp {

inline constexpr std::string_view kChatStatesNamespace = "http://jabber.org/protocol/chatstates";

enum class ChatState : std::uint8_t { Active, Composing, Paused, Inactive, Gone };

std::string_view chat_state_name(ChatState state);
std::optional<ChatState> chat_state_from_name(std::string_view name);

/// How a peer's state reads on the status line ("is typing", ...); empty for none.
std::string_view chat_state_description(ChatState state);

inline constexpr std::chrono::seconds kPausedAfter{5};

/// The outgoing chat state. A standalone state is never repeated.
class ChatStateSender {
 public:
  using Time = std::chrono::steady_clock::time_point;

  /// A key that changes the line: the state to send now, if it changes.
  std::optional<ChatState> typed(Time now);
  /// Time passing: `paused` once the user stopped typing for kPausedAfter.
  std::optional<ChatState> poll(Time now);
  std::optional<Time> next_due() const;
  /// A message was sent; it carries <active/>.
  void committed() { state_ = ChatState::Active; }
  ChatState state() const { return state_; }

 private:
  ChatState state_ = ChatState::Active;
  std::optional<Time> last_typed_;
};

}  // namespace talk::xmpp
