// utalk's SRDP over UDP as a PeerLink: the peer's text by line and column, mine as utalk edits.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "platform/datagram_socket.hpp"
#include "protocol/srdp_session.hpp"
#include "talk/peer_link.hpp"
#include "talk/utalk_edit_encoder.hpp"
#include "talk/utalk_peer_text.hpp"

namespace talk::client {

/// Datagrams the link refused, for tests and logs.
struct SrdpLinkCounters {
  std::size_t foreign = 0;    // from an address other than the peer's
  std::size_t malformed = 0;  // not SRDP
};

class SrdpLink final : public PeerLink {
 public:
  /// `socket` is bound and outlives the link. With `peer`, the link talks to it (utalk's
  /// client); without, it waits and locks onto the first address that sends SRDP (the server).
  SrdpLink(platform::DatagramSocket& socket, std::optional<platform::Ipv4Endpoint> peer,
           PeerView& view, bool utf8, LinkTime now, proto::srdp::Settings settings = {});
  /// The same, owning its socket.
  SrdpLink(std::unique_ptr<platform::DatagramSocket> socket,
           std::optional<platform::Ipv4Endpoint> peer, PeerView& view, bool utf8, LinkTime now,
           proto::srdp::Settings settings = {});

  void start(LinkTime now) override;
  /// Asks the peer for a sign of life (a PING) before start(): is an SRDP peer there?
  void probe(LinkTime now);
  std::vector<LinkPollInterest> poll_interest() const override;
  std::optional<LinkTime> next_deadline() const override { return session_.next_deadline(); }
  void on_ready(const LinkReadiness& ready, LinkTime now) override;
  void on_timer(LinkTime now) override;
  void send(const std::vector<UserEdit>& edits, LinkTime now) override;
  void close(LinkTime now) override;
  LinkState state() const override;
  LinkCloseReason close_reason() const override;
  std::string detail() const override { return {}; }

  const SrdpLinkCounters& counters() const { return counters_; }
  const proto::srdp::Session& session() const { return session_; }
  const UtalkPeerText& peer_text() const { return peer_text_; }
  std::optional<platform::Ipv4Endpoint> peer() const { return peer_; }
  int fd() const { return socket_.fd(); }

 private:
  void receive_one(std::span<const std::uint8_t> datagram, const platform::Ipv4Endpoint& from,
                   LinkTime now);
  void deliver();
  void flush();

  std::unique_ptr<platform::DatagramSocket> owned_socket_;
  platform::DatagramSocket& socket_;
  std::optional<platform::Ipv4Endpoint> peer_;
  PeerView& view_;
  bool utf8_;
  proto::srdp::Session session_;
  UtalkPeerText peer_text_;
  UtalkEditEncoder encoder_;
  SrdpLinkCounters counters_;
  bool closed_locally_ = false;
  std::size_t unsent_ = 0;
};

}  // namespace talk::client
