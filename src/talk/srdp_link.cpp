// SrdpLink: datagrams in and out, peer locking, and the talk layer on both sides.
#include "talk/srdp_link.hpp"

#include <array>

#include "protocol/sanitize.hpp"
#include "protocol/utalk_data.hpp"
#include "talk/text_feeder.hpp"

namespace talk::client {
namespace {

constexpr int kReadsPerWakeup = 64;

std::string latin1_to_utf8(const std::string& latin1) {
  std::string out;
  for (const char c : latin1) out += encode_utf8(static_cast<std::uint8_t>(c));
  return out;
}

}  // namespace

SrdpLink::SrdpLink(platform::DatagramSocket& socket, std::optional<platform::Ipv4Endpoint> peer,
                   PeerView& view, bool utf8, LinkTime now, proto::srdp::Settings settings)
    : socket_(socket),
      peer_(peer),
      view_(view),
      utf8_(utf8),
      session_(settings, peer.has_value(), now),
      encoder_(utf8) {}

SrdpLink::SrdpLink(std::unique_ptr<platform::DatagramSocket> socket,
                   std::optional<platform::Ipv4Endpoint> peer, PeerView& view, bool utf8,
                   LinkTime now, proto::srdp::Settings settings)
    : SrdpLink(*socket, peer, view, utf8, now, settings) {
  owned_socket_ = std::move(socket);
}

void SrdpLink::start(LinkTime now) {
  session_.resynch(now);
  flush();
}

void SrdpLink::probe(LinkTime now) {
  const std::uint8_t payload[] = {'t', 'a', 'l', 'k'};
  session_.ping(payload, now);
  flush();
}

std::vector<LinkPollInterest> SrdpLink::poll_interest() const {
  if (session_.closed()) return {};
  return {{socket_.fd(), true, false}};
}

void SrdpLink::flush() {
  if (!peer_) return;
  for (const auto& datagram : session_.take_datagrams()) {
    (void)socket_.send_to(datagram, *peer_);  // UDP: a lost datagram is SRDP's business
  }
}

void SrdpLink::receive_one(std::span<const std::uint8_t> datagram,
                           const platform::Ipv4Endpoint& from, LinkTime now) {
  if (peer_ && !(*peer_ == from)) {
    ++counters_.foreign;
    return;
  }
  if (!peer_) {
    if (!proto::srdp::decode_packet(datagram).ok()) {
      ++counters_.malformed;
      return;
    }
    peer_ = from;
  }
  if (!session_.on_datagram(datagram, now)) ++counters_.malformed;
  deliver();
}

void SrdpLink::deliver() {
  for (const auto& chunk : session_.take_chunks()) {
    if (chunk.type == proto::srdp::type::kUtalkData) {
      const auto data = proto::utalk::decode_data(chunk);
      if (!data) continue;
      const int beeps = peer_text_.apply(*data, chunk.seq);
      for (int i = 0; i < beeps; ++i) view_.ring();
    } else if (chunk.type == proto::srdp::type::kUtalkTopic) {
      if (const auto topic = proto::utalk::decode_topic(chunk)) {
        view_.show_topic(
            proto::sanitize_for_terminal(latin1_to_utf8(*topic), proto::Utf8Policy::Keep));
      }
    }
  }
  Pane& pane = view_.text();
  for (const std::uint16_t line : peer_text_.take_changed_lines()) {
    pane.set_line(line - 1U, peer_text_.glyphs(line, utf8_));
  }
}

void SrdpLink::on_ready(const LinkReadiness& ready, LinkTime now) {
  if (session_.closed() || ready.fd != socket_.fd()) return;
  for (int i = 0; i < kReadsPerWakeup && !session_.closed(); ++i) {
    std::array<std::uint8_t, proto::srdp::kMaxDatagram> buffer{};
    platform::ReceivedDatagram got;
    const auto ec = socket_.receive(buffer, got);
    if (ec) break;  // nothing more queued (or an ICMP error: SRDP does not care)
    if (got.size > buffer.size() || !got.source_is_ipv4) {
      ++counters_.malformed;
      continue;
    }
    receive_one(std::span(buffer).first(got.size), got.source, now);
  }
  flush();
}

void SrdpLink::on_timer(LinkTime now) {
  session_.on_timer(now);
  flush();
}

void SrdpLink::send(const std::vector<UserEdit>& edits, LinkTime now) {
  if (session_.closed()) return;
  const std::size_t before = unsent_;
  for (auto& chunk : encoder_.encode(edits, unsent_)) session_.send(std::move(chunk), now);
  flush();
  if (unsent_ != before) {
    view_.show_notice("Not sent: utalk carries only ISO-8859-1 (Latin-1) characters");
  }
}

void SrdpLink::close(LinkTime /*now*/) {
  if (session_.closed()) return;
  closed_locally_ = true;
  session_.drop();
  flush();
}

LinkState SrdpLink::state() const {
  if (session_.closed()) return LinkState::Closed;
  return session_.heard_anything() ? LinkState::Open : LinkState::Connecting;
}

LinkCloseReason SrdpLink::close_reason() const {
  if (!session_.closed()) return LinkCloseReason::None;
  return closed_locally_ ? LinkCloseReason::LocalQuit : LinkCloseReason::PeerHungUp;
}

}  // namespace talk::client
