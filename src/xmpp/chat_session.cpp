// ChatSession: login, ringing, and the user's side of the conversation.
#include "xmpp/chat_session.hpp"

#include <utility>

#include "xmpp/stanzas.hpp"
#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

// What XML 1.0 cannot carry, or a talk pane would not show: C0 controls, DEL, U+FFFE/F.
std::string typeable(std::string_view utf8) {
  std::u32string text = decode_utf8(utf8);
  std::erase_if(text,
                [](char32_t c) { return c < 0x20 || c == 0x7f || c == 0xfffe || c == 0xffff; });
  return encode_utf8(text);
}

}  // namespace

ChatSession::ChatSession(Connection& connection, ChatSettings settings)
    : connection_(connection), settings_(std::move(settings)), encoder_(settings_.first_seq) {}

bool ChatSession::start(const Account& account, const std::string& password, std::string& error) {
  return connection_.connect(account, password, "talk-ng", *this, error);
}

void ChatSession::emit(ChatEventKind kind, std::string text) {
  events_.push_back(ChatEvent{kind, std::move(text)});
}

std::vector<ChatEvent> ChatSession::take_events() {
  return std::exchange(events_, {});
}

void ChatSession::connected(const std::string& /*bound_jid*/) {
  online_ = true;
  connection_.send(build_presence(Presence{}));
  // Asks to see the peer's presence (the server adds the peer to our roster), so that
  // "offline" or "away" can show while we ring; repeated requests are harmless.
  connection_.send(
      build_presence(Presence{"", settings_.peer.bare(), PresenceKind::Subscribe, "", ""}));
  ring_now_ = !answered_;
  emit(ChatEventKind::Connected);
}

void ChatSession::disconnected(const std::string& reason) {
  online_ = false;
  emit(ChatEventKind::Disconnected, reason);
}

void ChatSession::send_message(ChatMessage message) {
  if (!online_) return;
  message.to = settings_.peer.bare();
  message.type = "chat";
  if (!message.chat_state && pending_state_) message.chat_state = pending_state_;
  pending_state_.reset();
  connection_.send(build_message(message));
}

void ChatSession::send_ring(Time now) {
  ChatMessage ring;
  ring.body = !ring_text_.empty()
                  ? ring_text_
                  : "[talk] " + settings_.me.bare() +
                        " wants to talk with you. Answer with: talk xmpp:" + settings_.me.bare();
  ring.chat_state = ChatState::Active;
  Element stanza = build_message(ring);
  stanza.set_attribute("to", settings_.peer.bare());
  stanza.add_child("ring", std::string(kRingNamespace));
  connection_.send(stanza);
  if (next_ring_) emit(ChatEventKind::Rang);
  next_ring_ = now + settings_.ring_interval;
}

void ChatSession::typed(Time now) {
  if (const auto state = state_sender_.typed(now)) pending_state_ = state;
}

void ChatSession::type(std::string_view utf8, Time now) {
  const std::string text = typeable(utf8);
  if (text.empty()) return;
  encoder_.type(text);
  typed(now);
}

void ChatSession::erase(Time now) {
  encoder_.erase_char();
  typed(now);
}

void ChatSession::erase_word(Time now) {
  encoder_.erase_word();
  typed(now);
}

void ChatSession::kill(Time now) {
  encoder_.kill_line();
  typed(now);
}

void ChatSession::enter(Time now) {
  (void)now;
  ChatMessage message;
  message.body = encoder_.commit();
  message.chat_state = ChatState::Active;
  state_sender_.committed();
  pending_state_.reset();
  send_message(std::move(message));
}

void ChatSession::poll(Time now) {
  if (!online_) return;
  if (ring_now_ || (!answered_ && next_ring_ && now >= *next_ring_)) {
    ring_now_ = false;
    send_ring(now);
  }
  if (const auto paused = state_sender_.poll(now)) pending_state_ = paused;
  ChatMessage message;
  if (sending_rtt()) message.rtt = encoder_.poll(now);
  if (message.rtt || pending_state_) send_message(std::move(message));
}

std::optional<ChatSession::Time> ChatSession::next_due() const {
  if (!online_) return std::nullopt;
  std::optional<Time> due;
  const auto consider = [&due](std::optional<Time> t) {
    if (t && (!due || *t < *due)) due = t;
  };
  if (ring_now_ || pending_state_) return Time{};
  if (!answered_) consider(next_ring_);
  if (sending_rtt()) consider(encoder_.next_due());
  consider(state_sender_.next_due());
  return due;
}

void ChatSession::quit() {
  if (!online_) return;
  ChatMessage bye;
  bye.chat_state = ChatState::Gone;
  if (sending_rtt() && !encoder_.line().empty()) bye.rtt = RttEvent{RttEventType::Cancel, 0, {}};
  send_message(std::move(bye));
  connection_.send(build_presence(Presence{"", "", PresenceKind::Unavailable, "", ""}));
  connection_.disconnect();
}

}  // namespace talk::xmpp
