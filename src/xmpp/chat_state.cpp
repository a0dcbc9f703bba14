// ChatState names and the outgoing state machine.
#include "xmpp/chat_state.hpp"

namespace talk::xmpp {

std::string_view chat_state_name(ChatState state) {
  switch (state) {
    case ChatState::Active:
      return "active";
    case ChatState::Composing:
      return "composing";
    case ChatState::Paused:
      return "paused";
    case ChatState::Inactive:
      return "inactive";
    case ChatState::Gone:
      return "gone";
  }
  return "active";
}

std::optional<ChatState> chat_state_from_name(std::string_view name) {
  for (const ChatState state : {ChatState::Active, ChatState::Composing, ChatState::Paused,
                                ChatState::Inactive, ChatState::Gone}) {
    if (chat_state_name(state) == name) return state;
  }
  return std::nullopt;
}

std::string_view chat_state_description(ChatState state) {
  switch (state) {
    case ChatState::Composing:
      return "typing";
    case ChatState::Paused:
      return "stopped typing";
    case ChatState::Inactive:
      return "inactive";
    case ChatState::Gone:
      return "left the conversation";
    case ChatState::Active:
      return "";
  }
  return "";
}

std::optional<ChatState> ChatStateSender::typed(Time now) {
  last_typed_ = now;
  if (state_ == ChatState::Composing) return std::nullopt;
  state_ = ChatState::Composing;
  return state_;
}

std::optional<ChatState> ChatStateSender::poll(Time now) {
  if (state_ != ChatState::Composing || !last_typed_ || now - *last_typed_ < kPausedAfter) {
    return std::nullopt;
  }
  state_ = ChatState::Paused;
  return state_;
}

std::optional<ChatStateSender::Time> ChatStateSender::next_due() const {
  if (state_ != ChatState::Composing || !last_typed_) return std::nullopt;
  return *last_typed_ + kPausedAfter;
}

}  // namespace talk::xmpp
