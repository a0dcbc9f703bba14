// ChatSession: what the peer and the server send: messages, presence, service discovery.
#include "protocol/sanitize.hpp"
#include "xmpp/chat_session.hpp"
#include "xmpp/stanzas.hpp"
#include "xmpp/talk_text.hpp"
#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

std::string presence_text(const Presence& presence) {
  if (presence.kind == PresenceKind::Unavailable) return "offline";
  if (presence.show == "away") return "away";
  if (presence.show == "xa") return "away for a while";
  if (presence.show == "dnd") return "busy";
  return "online";
}

bool from_peer(const std::string& from, const Jid& peer) {
  const auto jid = parse_jid(bare_jid(from));
  return jid && jid->local == peer.local && jid->domain == peer.domain;
}

}  // namespace

void ChatSession::received(const Element& stanza) {
  if (stanza.name == "iq") {
    on_iq(stanza);
  } else if (const auto presence = parse_presence(stanza)) {
    if (from_peer(presence->from, settings_.peer)) on_presence(*presence);
  } else if (const auto message = parse_message(stanza)) {
    // A message stored while we were away (it has a delay stamp) is no answer to this call.
    if (from_peer(message->from, settings_.peer) && stanza.child("delay") == nullptr) {
      on_message(*message, stanza.child("ring", kRingNamespace) != nullptr);
    }
  }
}

void ChatSession::on_iq(const Element& stanza) {
  const std::string* type = stanza.attribute("type");
  if (type == nullptr || (*type != "get" && *type != "set")) return;
  if (is_disco_info_query(stanza)) {
    connection_.send(build_disco_info_result(stanza));
    return;
  }
  Element error;  // RFC 6120 8.4: an iq we do not understand gets an error back
  error.name = "iq";
  error.set_attribute("type", "error");
  if (const std::string* from = stanza.attribute("from")) error.set_attribute("to", *from);
  if (const std::string* id = stanza.attribute("id")) error.set_attribute("id", *id);
  Element& e = error.add_child("error");
  e.set_attribute("type", "cancel");
  e.add_child("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas");
  connection_.send(error);
}

void ChatSession::on_presence(const Presence& presence) {
  if (presence.kind == PresenceKind::Error) {
    emit(ChatEventKind::DeliveryError, "presence error");
  } else if (presence.kind == PresenceKind::Available ||
             presence.kind == PresenceKind::Unavailable) {
    emit(ChatEventKind::PeerPresence, presence_text(presence));
  }
}

void ChatSession::on_message(const ChatMessage& message, bool is_ring) {
  if (message.type == "error") {
    emit(ChatEventKind::DeliveryError,
         proto::sanitize_for_terminal(message.error, proto::Utf8Policy::Escape));
    return;
  }
  if (!answered_) {
    answered_ = true;
    left_ = false;
    emit(ChatEventKind::Answered);
    ChatMessage hello;  // tells a peer that is ringing us too that we are here
    hello.chat_state = ChatState::Active;
    send_message(std::move(hello));
  }
  if (message.rtt) {
    decoder_.apply(*message.rtt);
    show_peer_line();
  }
  if (message.body && !is_ring) commit_peer_body(*message.body);
  if (message.chat_state) {
    if (*message.chat_state == ChatState::Gone) {
      if (!left_) emit(ChatEventKind::PeerLeft);
      left_ = true;
    } else {
      left_ = false;
      emit(ChatEventKind::PeerTyping, std::string(chat_state_description(*message.chat_state)));
    }
  }
}

void ChatSession::show_peer_line() {
  const std::u32string wanted = displayable(decoder_.line());
  if (wanted == shown_) return;
  emit(ChatEventKind::PeerText, talk_bytes_for_change(shown_, wanted, kPeerErase));
  shown_ = wanted;
}

void ChatSession::commit_peer_body(const std::string& body) {
  const std::u32string line = decoder_.commit(body);
  std::string bytes;
  if (line.find(U'\n') == std::u32string::npos) {
    bytes = talk_bytes_for_change(shown_, displayable(line), kPeerErase) + "\n";
  } else {
    bytes = std::string(shown_.size(), static_cast<char>(kPeerErase)) +
            talk_bytes_for_message(encode_utf8(line));
  }
  shown_.clear();
  emit(ChatEventKind::PeerText, std::move(bytes));
}

}  // namespace talk::xmpp
