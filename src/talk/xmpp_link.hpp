// An XMPP chat as a PeerLink: the XMPP layer's ChatSession over a Connection, its events turned
// into the peer's pane, typing state and notices, the user's edits into real-time text.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "talk/peer_link.hpp"
#include "talk/text_feeder.hpp"
#include "xmpp/chat_session.hpp"

namespace talk::client {

/// After the connection's descriptor was readable, the link pumps at least this often for a
/// while: a library may have read (and decrypted) more than it handed over in one pump, which
/// no poll on the descriptor would show.
inline constexpr std::chrono::milliseconds kXmppBusyPump{20};
inline constexpr std::chrono::milliseconds kXmppBusyFor{1000};

class XmppLink final : public PeerLink {
 public:
  /// `connection` (already given the account by start_xmpp) must outlive the link.
  XmppLink(xmpp::Connection& connection, const xmpp::ChatSettings& settings, PeerView& view,
           bool utf8);

  /// Starts logging in; false with `error` set when that cannot even begin.
  bool login(const xmpp::Account& account, const std::string& password, std::string& error);

  void start(LinkTime now) override;
  std::vector<LinkPollInterest> poll_interest() const override;
  std::optional<LinkTime> next_deadline() const override;
  void on_ready(const LinkReadiness& ready, LinkTime now) override;
  void on_timer(LinkTime now) override;
  void send(const std::vector<UserEdit>& edits, LinkTime now) override;
  void close(LinkTime now) override;
  LinkState state() const override { return state_; }
  LinkCloseReason close_reason() const override { return reason_; }
  std::string detail() const override { return detail_; }

 private:
  void handle(const xmpp::ChatEvent& event);
  void closed(LinkCloseReason reason, std::string detail);

  xmpp::Connection& connection_;
  xmpp::ChatSession session_;
  PeerView& view_;
  TextFeeder feeder_;
  std::string peer_;
  std::string peer_presence_ = "online";  // as last shown (or assumed)
  LinkTime last_pump_{};
  LinkTime busy_until_{};  // data came in lately: pump often, the library may hold more
  LinkState state_ = LinkState::Connecting;
  LinkCloseReason reason_ = LinkCloseReason::None;
  std::string detail_;
};

}  // namespace talk::client
