// StreamLink: reads and writes of the talk TCP stream, never blocking.
#include "talk/talk_stream_link.hpp"

#include <array>

#include "talk/ytalk_stream.hpp"

namespace talk::client {
namespace {

constexpr std::size_t kReadSize = 4096;

}  // namespace

template <class Model>
void StreamLink<Model>::start(LinkTime /*now*/) {
  write_peer();
}

template <class Model>
std::vector<LinkPollInterest> StreamLink<Model>::poll_interest() const {
  if (state_ == LinkState::Closed) return {};
  return {{stream_.fd(), true, model_.has_outbound()}};
}

template <class Model>
void StreamLink<Model>::on_ready(const LinkReadiness& ready, LinkTime /*now*/) {
  if (state_ == LinkState::Closed || ready.fd != stream_.fd()) return;
  if (ready.readable || ready.failed) read_peer();
  write_peer();
}

template <class Model>
void StreamLink<Model>::send(const std::vector<UserEdit>& edits, LinkTime /*now*/) {
  if (state_ == LinkState::Closed) return;
  model_.queue(edits);
  write_peer();
}

template <class Model>
void StreamLink<Model>::close(LinkTime /*now*/) {
  if (state_ == LinkState::Closed) return;
  state_ = LinkState::Closed;
  reason_ = LinkCloseReason::LocalQuit;
  if (options_.release_on_close) stream_ = {};
}

template <class Model>
void StreamLink<Model>::closed(LinkCloseReason reason, std::error_code ec) {
  state_ = LinkState::Closed;
  reason_ = reason;
  if (ec) detail_ = ec.message();
  model_.outbound().clear();
  if (options_.release_on_close) stream_ = {};
}

template <class Model>
void StreamLink<Model>::read_peer() {
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
  after_read();
}

template <class Model>
void StreamLink<Model>::write_peer() {
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

template class StreamLink<TalkStream>;
template class StreamLink<YtalkStream>;

}  // namespace talk::client
