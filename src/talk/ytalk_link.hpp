// A talk TCP stream that speaks ytalk 3.x to a peer that does (a conference member): the
// YtalkStream model over a non-blocking socket. Plain talk peers get plain talk from it.
#pragma once

#include <system_error>
#include <vector>

#include "platform/tcp_socket.hpp"
#include "talk/peer_link.hpp"
#include "talk/ytalk_stream.hpp"

namespace talk::client {

class YtalkLink final : public PeerLink {
 public:
  /// `stream` is connected; it is made non-blocking with Nagle off (`ec` on failure).
  YtalkLink(platform::TcpStream stream, PeerView& view, bool utf8, const EditChars& mine,
            const proto::ytalk::Parm& parm, std::error_code& ec);

  void start(LinkTime now) override;
  std::vector<LinkPollInterest> poll_interest() const override;
  std::optional<LinkTime> next_deadline() const override { return std::nullopt; }
  void on_ready(const LinkReadiness& ready, LinkTime now) override;
  void on_timer(LinkTime /*now*/) override {}
  void send(const std::vector<UserEdit>& edits, LinkTime now) override;
  void close(LinkTime now) override;
  LinkState state() const override { return state_; }
  LinkCloseReason close_reason() const override { return reason_; }
  std::string detail() const override { return detail_; }

  /// Sends an out-of-band message (only to a ytalk 3.x peer).
  void send_packet(const proto::ytalk::OobMessage& message);
  /// The peer's Import/Export/Accept packets since the last call.
  std::vector<proto::ytalk::Pack> take_packs() { return model_.take_packs(); }
  const YtalkStream& stream_model() const { return model_; }

 private:
  void read_peer();
  void write_peer();
  void closed(LinkCloseReason reason, std::error_code ec);

  platform::TcpStream stream_;
  PeerView& view_;
  YtalkStream model_;
  LinkState state_ = LinkState::Connecting;
  LinkCloseReason reason_ = LinkCloseReason::None;
  std::string detail_;
};

}  // namespace talk::client
