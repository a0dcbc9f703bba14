// One XMPP login shared by all the gateway's calls: each call gets a Channel, a Connection of
// its own to one peer, so the XMPP layer's ChatSession runs unchanged; stanzas from peers with
// no channel (requests to ring a local user) are kept for the gateway.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "xmpp/connection.hpp"

namespace talk::gateway {

class XmppHub final : public xmpp::ConnectionEvents {
 public:
  class Channel final : public xmpp::Connection {
   public:
    Channel(XmppHub& hub, std::string peer) : hub_(hub), peer_(std::move(peer)) {}
    ~Channel() override;
    Channel(const Channel&) = delete;
    Channel& operator=(const Channel&) = delete;

    bool connect(const xmpp::Account& account, const std::string& password,
                 const std::string& resource, xmpp::ConnectionEvents& events,
                 std::string& error) override;
    /// Sends to the peer; the session's own broadcast presence is dropped (the hub's login
    /// stays available while calls come and go).
    void send(const xmpp::Element& stanza) override;
    void disconnect() override;
    void pump() override {}
    std::chrono::milliseconds max_wait() const override;

    /// Hands `stanza` to the session at once (before it hears that it is connected).
    void inject(const xmpp::Element& stanza);
    const std::string& peer() const { return peer_; }

   private:
    friend class XmppHub;
    XmppHub& hub_;
    std::string peer_;  // bare JID, normalised
    xmpp::ConnectionEvents* events_ = nullptr;
    bool connected_due_ = false;
    bool open_ = false;
    std::optional<std::string> disconnected_due_;
  };

  explicit XmppHub(xmpp::Connection& upstream) : upstream_(upstream) {}

  bool start(const xmpp::Account& account, const std::string& password, std::string& error);
  /// A channel to `peer_bare` (one per peer at a time; nullptr when that peer has one).
  std::unique_ptr<Channel> open_channel(const std::string& peer_bare);
  bool has_channel(const std::string& peer_bare) const;

  /// The library's work, then the channels' due connected/disconnected events.
  void pump();
  std::chrono::milliseconds max_wait() const { return upstream_.max_wait(); }
  void send(const xmpp::Element& stanza) { upstream_.send(stanza); }
  void stop() { upstream_.disconnect(); }

  bool online() const { return online_; }
  /// Set when the login failed or ended (the reason).
  const std::optional<std::string>& lost() const { return lost_; }
  /// Stanzas from senders that have no channel, oldest first.
  std::vector<xmpp::Element> take_unrouted();

  void connected(const std::string& bound_jid) override;
  void disconnected(const std::string& reason) override;
  void received(const xmpp::Element& stanza) override;

 private:
  Channel* channel_for(const std::string& peer_bare) const;
  /// Service discovery as a client answers it; any other request gets an error.
  void answer_iq(const xmpp::Element& stanza);

  xmpp::Connection& upstream_;
  std::vector<Channel*> channels_;
  std::vector<xmpp::Element> unrouted_;
  std::optional<std::string> lost_;
  bool online_ = false;
};

/// `jid` (full or bare) as a normalised bare JID; empty when it is not a valid one.
std::string normal_bare(const std::string& jid);

}  // namespace talk::gateway
