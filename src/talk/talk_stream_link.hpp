// The talk TCP stream as a PeerLink: the classic conversation of every talk since 4.2BSD.
#pragma once

#include <memory>
#include <system_error>
#include <utility>

#include "platform/tcp_socket.hpp"
#include "talk/edit_chars.hpp"
#include "talk/peer_link.hpp"
#include "talk/talk_stream.hpp"

namespace talk::client {

/// How a StreamLink begins and ends; the stream models differ here only.
struct StreamLinkOptions {
  LinkState initial = LinkState::Open;
  /// Closes the socket as soon as the link closes (not when the link is destroyed).
  bool release_on_close = false;
};

/// A stream model (TalkStream, YtalkStream) over a non-blocking TCP stream: the read and write
/// plumbing every talk TCP conversation shares.
template <class Model>
class StreamLink : public PeerLink {
 public:
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

  const Model& stream_model() const { return model_; }

 protected:
  /// `stream` is connected; it is made non-blocking with Nagle off (`ec` on failure). The model
  /// is built from the peer's pane and `model_args`.
  template <class... ModelArgs>
  StreamLink(platform::TcpStream stream, PeerView& view, StreamLinkOptions options,
             std::error_code& ec, ModelArgs&&... model_args)
      : model_(view.text(), std::forward<ModelArgs>(model_args)...),
        state_(options.initial),
        stream_(std::move(stream)),
        view_(view),
        options_(options) {
    ec = stream_.prepare_for_conversation();
  }

  /// Called after each read that the peer's bytes reached the model.
  virtual void after_read() {}

  void write_peer();
  void closed(LinkCloseReason reason, std::error_code ec);

  Model model_;
  LinkState state_;
  std::string detail_;

 private:
  void read_peer();

  platform::TcpStream stream_;
  PeerView& view_;
  StreamLinkOptions options_;
  LinkCloseReason reason_ = LinkCloseReason::None;
};

class TalkStreamLink final : public StreamLink<TalkStream> {
 public:
  /// `stream` is connected; it is made non-blocking with Nagle off (`ec` on failure).
  TalkStreamLink(platform::TcpStream stream, PeerView& view, bool utf8, const EditChars& mine,
                 std::error_code& ec)
      : StreamLink(std::move(stream), view, {}, ec, utf8, mine) {}
};

}  // namespace talk::client
