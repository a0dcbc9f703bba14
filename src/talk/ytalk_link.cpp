// YtalkLink: what a ytalk-speaking talk stream adds to the shared stream plumbing.
#include "talk/ytalk_link.hpp"

namespace talk::client {

YtalkLink::YtalkLink(platform::TcpStream stream, PeerView& view, bool utf8, const EditChars& mine,
                     const proto::ytalk::Parm& parm, std::error_code& ec)
    : StreamLink(std::move(stream), view,
                 {.initial = LinkState::Connecting, .release_on_close = true}, ec, utf8, mine,
                 parm) {}

void YtalkLink::send_packet(const proto::ytalk::OobMessage& message) {
  if (state_ == LinkState::Closed) return;
  model_.queue_packet(message);
  write_peer();
}

void YtalkLink::after_read() {
  if (model_.refused()) {
    closed(LinkCloseReason::Lost, {});
    detail_ = "unsupported ytalk protocol";
    return;
  }
  if (state_ == LinkState::Connecting && model_.program().kind != PeerProgram::Kind::Unknown &&
      (model_.program().kind == PeerProgram::Kind::Classic || model_.peer_parm())) {
    state_ = LinkState::Open;
  }
}

}  // namespace talk::client
