// A talk over XMPP with one peer, without the XMPP library: logs in through a Connection,
// rings the peer the talk way until it answers, sends the user's typing as real-time text and
// chat states, and turns what the peer sends into talk bytes and status texts.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xmpp/chat_state.hpp"
#include "xmpp/connection.hpp"
#include "xmpp/jid.hpp"
#include "xmpp/rtt_decoder.hpp"
#include "xmpp/rtt_encoder.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::xmpp {

/// The element that marks a ring message, so that a talk-ng peer does not show it as text.
inline constexpr std::string_view kRingNamespace = "urn:talk-ng:ring:0";
/// The erase character in the talk bytes made from the peer's text.
inline constexpr std::uint8_t kPeerErase = 0x7f;
/// The id of our disco#info queries to the peer.
inline constexpr std::string_view kPeerDiscoId = "talk-ng-peer-disco";

struct ChatSettings {
  Jid me;                       // the account's JID
  Jid peer;                     // who to talk to (bare)
  std::uint32_t first_seq = 0;  // random, for the first real-time-text event
  std::chrono::milliseconds ring_interval{30000};
};

enum class ChatEventKind : std::uint8_t {
  Connected,      // logged in; the first ring is on its way
  Rang,           // the peer was rung again
  Answered,       // the peer answered: the conversation is established
  PeerText,       // text: talk bytes for the peer's half of the screen
  PeerTyping,     // text: the peer's typing state ("typing", "stopped typing", "")
  PeerPresence,   // text: "online", "away", "offline", ...
  DeliveryError,  // text: the error condition the peer's server returned
  PeerLeft,       // the peer closed the conversation (gone)
  Disconnected,   // text: why ("" when we asked)
};

struct ChatEvent {
  ChatEventKind kind = ChatEventKind::PeerText;
  std::string text;
  friend bool operator==(const ChatEvent&, const ChatEvent&) = default;
};

class ChatSession final : public ConnectionEvents {
 public:
  using Time = std::chrono::steady_clock::time_point;

  ChatSession(Connection& connection, ChatSettings settings);

  bool start(const Account& account, const std::string& password, std::string& error);
  /// The ring message's body (default: "[talk] ME wants to talk with you. Answer with: ...").
  void set_ring_text(std::string text) { ring_text_ = std::move(text); }

  /// The user's typing, in talk's terms: text (UTF-8; controls are dropped), erase,
  /// word erase, kill, and Enter, which sends the line as a message.
  void type(std::string_view utf8, Time now);
  void erase(Time now);
  void erase_word(Time now);
  void kill(Time now);
  void enter(Time now);

  /// Sends what is due at `now`: real-time text, a paused state, a ring.
  void poll(Time now);
  std::optional<Time> next_due() const;

  /// Leaves: gone, real-time text cancelled, unavailable, disconnect.
  void quit();

  std::vector<ChatEvent> take_events();
  bool answered() const { return answered_; }
  bool online() const { return online_; }
  /// Whether the peer's client takes real-time text: unknown until its disco#info answers or
  /// it sends some. Real-time text is sent unless the peer is known to go without it; then
  /// chat states and whole lines carry the conversation.
  std::optional<bool> peer_has_rtt() const { return peer_rtt_; }

  void connected(const std::string& bound_jid) override;
  void disconnected(const std::string& reason) override;
  void received(const Element& stanza) override;

 private:
  void typed(Time now);
  void send_ring(Time now);
  void send_message(ChatMessage message);
  void on_message(const ChatMessage& message, bool is_ring);
  void on_presence(const Presence& presence);
  void on_iq(const Element& stanza);
  void ask_features(const std::string& full_jid);
  bool sending_rtt() const { return peer_rtt_.value_or(true); }
  void show_peer_line();
  void commit_peer_body(const std::string& body);
  void emit(ChatEventKind kind, std::string text = {});

  Connection& connection_;
  ChatSettings settings_;
  RttEncoder encoder_;
  RttDecoder decoder_;
  ChatStateSender state_sender_;
  std::optional<ChatState> pending_state_;
  std::u32string shown_;  // the peer's current line as its pane shows it
  std::vector<ChatEvent> events_;
  std::string ring_text_;
  std::optional<Time> next_ring_;
  std::optional<bool> peer_rtt_;
  std::string features_asked_;  // the peer's full JID whose disco#info we asked for
  // The peer's presence: a server acknowledges a subscription request with "unavailable" from
  // the bare JID, which means "offline" only once the peer approved ("subscribed").
  static constexpr std::size_t kMaxPeerResources = 16;
  bool peer_approved_ = false;
  std::vector<std::pair<std::string, std::string>> peer_resources_;  // full JID, text
  std::string presence_shown_;
  bool online_ = false;
  bool ring_now_ = false;
  bool answered_ = false;
  bool left_ = false;
};

}  // namespace talk::xmpp
