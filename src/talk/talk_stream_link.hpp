// The talk TCP stream as a PeerLink: the classic conversation of every talk since 4.2BSD.
#pragma once

#include <memory>
#include <system_error>

#include "platform/tcp_socket.hpp"
#include "talk/edit_chars.hpp"
#include "talk/peer_link.hpp"
#include "talk/talk_stream.hpp"

namespace talk::client {

class TalkStreamLink final : public PeerLink {
 public:
  /// `stream` is connected; it is made non-blocking with Nagle off (`ec` on failure).
  TalkStreamLink(platform::TcpStream stream, PeerView& view, bool utf8, const EditChars& mine,
                 std::error_code& ec);

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

  const TalkStream& stream_model() const { return model_; }

 private:
  void read_peer();
  void write_peer();
  void closed(LinkCloseReason reason, std::error_code ec);

  platform::TcpStream stream_;
  PeerView& view_;
  TalkStream model_;
  LinkState state_ = LinkState::Open;
  LinkCloseReason reason_ = LinkCloseReason::None;
  std::string detail_;
};

}  // namespace talk::client
