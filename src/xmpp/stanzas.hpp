// The stanzas a talk over XMPP exchanges, as values, and their conversion from and to Elements:
// chat messages (body, XEP-0085 chat state, XEP-0301 <rtt/>), presence and service discovery.
// Parsing is bounded and never trusts the peer: unknown or malformed parts are dropped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xmpp/chat_state.hpp"
#include "xmpp/element.hpp"
#include "xmpp/rtt_event.hpp"

namespace talk::xmpp {

inline constexpr std::string_view kDiscoInfoNamespace = "http://jabber.org/protocol/disco#info";
inline constexpr std::string_view kClientNamespace = "jabber:client";
/// A received body longer than this (bytes) is cut at a character boundary.
inline constexpr std::size_t kMaxBodyBytes = std::size_t{16} * 1024;

struct ChatMessage {
  std::string from;
  std::string to;
  std::string id;
  std::string type = "chat";
  std::optional<std::string> body;
  std::optional<ChatState> chat_state;
  std::optional<RttEvent> rtt;
  std::string error;  // the condition of a type='error' message, e.g. "service-unavailable"
  friend bool operator==(const ChatMessage&, const ChatMessage&) = default;
};

/// A <message/> element as a ChatMessage; nullopt for anything else.
std::optional<ChatMessage> parse_message(const Element& stanza);
Element build_message(const ChatMessage& message);

/// An <rtt/> element as an event; nullopt when its seq or event is missing or invalid.
std::optional<RttEvent> parse_rtt(const Element& rtt);
Element build_rtt(const RttEvent& event);

enum class PresenceKind : std::uint8_t {
  Available,
  Unavailable,
  Subscribe,
  Subscribed,
  Unsubscribe,
  Unsubscribed,
  Probe,
  Error
};

struct Presence {
  std::string from;
  std::string to;
  PresenceKind kind = PresenceKind::Available;
  std::string show;    // away, chat, dnd, xa (empty: plainly available)
  std::string status;  // free text, bounded
  friend bool operator==(const Presence&, const Presence&) = default;
};

std::optional<Presence> parse_presence(const Element& stanza);
Element build_presence(const Presence& presence);

/// An <iq type='get'> asking for our disco#info.
bool is_disco_info_query(const Element& stanza);
/// The answer to `query`: a client identity and the features we speak (real-time text, chat
/// states, disco#info).
Element build_disco_info_result(const Element& query);
Element build_disco_info_query(std::string_view to, std::string_view id);
/// The features listed in a disco#info result; nullopt when `stanza` is not one.
std::optional<std::vector<std::string>> parse_disco_info_result(const Element& stanza);

/// The bare JID (local@domain) of a full JID (local@domain/resource).
std::string_view bare_jid(std::string_view jid);

}  // namespace talk::xmpp
