// YtalkLink: reads and writes of a ytalk-speaking talk stream, never blocking.
#include "talk/ytalk_link.hpp"

#include <array>

namespace talk::client {
namespace {

constexpr std::size_t kReadSize = 4096;

}  // namespace

YtalkLink::YtalkLink(platform::TcpStream stream, PeerView& view, bool utf8, const EditChars& mine,
                     const proto::ytalk::Parm& parm, std::error_code& ec)
    : stream_(std::move(stream)), view_(view), model_(view.text(), utf8, mine, parm) {
  ec = stream_.prepare_for_conversation();
}

void YtalkLink::start(LinkTime /*now*/) {
  write_peer();
}

std::vector<LinkPollInterest> YtalkLink::poll_interest() const {
  if (state_ == LinkState::Closed) return {};
  return {{stream_.fd(), true, model_.has_outbound()}};
}

void YtalkLink::on_ready(const LinkReadiness& ready, LinkTime /*now*/) {
  if (state_ == LinkState::Closed || ready.fd != stream_.fd()) return;
  if (ready.readable || ready.failed) read_peer();
  write_peer();
}

void YtalkLink::send(const std::vector<UserEdit>& edits, LinkTime /*now*/) {
  if (state_ == LinkState::Closed) return;
  model_.queue(edits);
  write_peer();
}

void YtalkLink::send_packet(const proto::ytalk::OobMessage& message) {
  if (state_ == LinkState::Closed) return;
  model_.queue_packet(message);
  write_peer();
}

void YtalkLink::close(LinkTime /*now*/) {
  if (state_ == LinkState::Closed) return;
  state_ = LinkState::Closed;
  reason_ = LinkCloseReason::LocalQuit;
  stream_ = {};
}

void YtalkLink::closed(LinkCloseReason reason, std::error_code ec) {
  state_ = LinkState::Closed;
  reason_ = reason;
  if (ec) detail_ = ec.message();
  model_.outbound().clear();
  stream_ = {};
}

void YtalkLink::read_peer() {
  std::array<std::uint8_t, kReadSize> buffer{};
  std::size_t got = 0;
  const auto ec = stream_.read(buffer, got);
  if (ec == std::errc::resource_unavailable_try_again) return;
  if (ec || got == 0) {
    closed(LinkCloseReason::PeerHungUp, ec);
    return;
  }
  const int bells = model_.on_received({buffer.data(), got});
  for (int i = 0; i < bells; ++i) view_.ring();
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

void YtalkLink::write_peer() {
  std::string& out = model_.outbound();
  while (state_ != LinkState::Closed && !out.empty()) {
    std::size_t written = 0;
    const auto ec =
        stream_.write({reinterpret_cast<const std::uint8_t*>(out.data()), out.size()}, written);
    if (ec == std::errc::resource_unavailable_try_again) return;
    if (ec) {
      closed(LinkCloseReason::Lost, ec);
      return;
    }
    out.erase(0, written);
  }
}

}  // namespace talk::client
