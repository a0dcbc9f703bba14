// ChatSession: what the peer and the server send: messages, presence, service discovery.
#include <algorithm>

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
      if (message->rtt) peer_rtt_ = true;
      on_message(*message, stanza.child("ring", kRingNamespace) != nullptr);
      if (message->type != "error") ask_features(message->from);
    }
  }
}

void ChatSession::ask_features(const std::string& full_jid) {
  // Once per resource the peer shows up with, and not once it sent real-time text itself.
  if (peer_rtt_.value_or(false) || full_jid.find('/') == std::string::npos ||
      full_jid == features_asked_ || !online_) {
    return;
  }
  features_asked_ = full_jid;
  connection_.send(build_disco_info_query(full_jid, kPeerDiscoId));
}

void ChatSession::on_iq(const Element& stanza) {
  const std::string* type = stanza.attribute("type");
  const std::string* id = stanza.attribute("id");
  if (id != nullptr && *id == kPeerDiscoId && type != nullptr && *type == "result") {
    const std::string* from = stanza.attribute("from");
    const auto features = parse_disco_info_result(stanza);
    if (from != nullptr && *from == features_asked_ && features && !peer_rtt_) {
      peer_rtt_ = std::find(features->begin(), features->end(), kRttNamespace) != features->end();
    }
    return;
  }
  if (type == nullptr || (*type != "get" && *type != "set")) return;
  if (is_disco_info_query(stanza)) {
    connection_.send(build_disco_info_result(stanza));
    return;
  }
  Element error;  // RFC 6120 8.4: an iq we do not understand gets an error back
  error.name = "iq";
  error.set_attribute("type", "error");
  if (const std::string* from = stanza.attribute("from")) error.set_attribute("to", *from);
  if (id != nullptr) error.set_attribute("id", *id);
  Element& e = error.add_child("error");
  e.set_attribute("type", "cancel");
  e.add_child("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas");
  connection_.send(error);
}

void ChatSession::on_presence(const Presence& presence) {
  const bool bare = presence.from.find('/') == std::string::npos;
  switch (presence.kind) {
    case PresenceKind::Subscribe:
      // The peer asks to see our presence, as we asked to see theirs: granted.
      connection_.send(build_presence(
          Presence{"", std::string(bare_jid(presence.from)), PresenceKind::Subscribed, "", ""}));
      return;
    case PresenceKind::Subscribed:
      peer_approved_ = true;
      return;
    case PresenceKind::Error:
      emit(ChatEventKind::DeliveryError, "presence error");
      return;
    case PresenceKind::Available:
      ask_features(presence.from);
      std::erase_if(peer_resources_, [&](const auto& r) { return r.first == presence.from; });
      if (peer_resources_.size() < kMaxPeerResources) {
        peer_resources_.emplace_back(presence.from, presence_text(presence));
      }
      break;
    case PresenceKind::Unavailable:
      if (!bare) {
        std::erase_if(peer_resources_, [&](const auto& r) { return r.first == presence.from; });
      } else if (peer_approved_) {
        peer_resources_.clear();
      } else {
        return;  // a server's receipt for our subscription request, not the peer's presence
      }
      break;
    default:
      return;
  }
  std::string now = "offline";
  for (const auto& [jid, text] : peer_resources_) {
    if (now == "offline" || text == "online") now = text;
  }
  if (now != presence_shown_) emit(ChatEventKind::PeerPresence, now);
  presence_shown_ = now;
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
