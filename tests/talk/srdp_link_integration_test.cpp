// Integration tests: two SRDP links over real loopback UDP through an in-process relay that
// drops datagrams, plus garbage from the locked peer and datagrams from a third address.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "protocol/srdp.hpp"
#include "protocol/utalk_data.hpp"
#include "talk/srdp_link.hpp"

namespace talk::client {
namespace {

using namespace std::chrono_literals;
using platform::Ipv4Endpoint;
using platform::UdpSocket;

class TestView final : public PeerView {
 public:
  Pane& text() override { return pane; }
  void ring() override { ++bells; }
  void show_topic(const std::string& t) override { topic = t; }
  void show_typing(TypingState /*state*/) override {}
  void show_notice(const std::string& n) override { notice = n; }
  Pane pane;
  int bells = 0;
  std::string topic;
  std::string notice;
};

UdpSocket bound() {
  std::error_code ec;
  auto socket = UdpSocket::open_bound({platform::kLoopbackAddress, 0}, ec);
  EXPECT_FALSE(ec) << ec.message();
  return socket;
}

Ipv4Endpoint where(const UdpSocket& socket) {
  std::error_code ec;
  return {platform::kLoopbackAddress, socket.local_port(ec)};
}

// Forwards between a and b, dropping each datagram with probability `loss`.
struct Relay {
  UdpSocket socket = bound();
  Ipv4Endpoint a, b;
  double loss = 0;
  std::mt19937 random{42};
  int dropped = 0;
  void pump() {
    for (int i = 0; i < 256; ++i) {
      std::vector<std::uint8_t> buffer(9000);
      platform::ReceivedDatagram got;
      if (socket.receive(buffer, got)) return;
      buffer.resize(got.size);
      if (std::uniform_real_distribution<>(0, 1)(random) < loss) {
        ++dropped;
        continue;
      }
      (void)socket.send_to(buffer, got.source == a ? b : a);
    }
  }
};

struct Pair {
  UdpSocket a_socket = bound();
  UdpSocket b_socket = bound();
  Relay relay;
  TestView a_view, b_view;
  LinkTime now{};
  SrdpLink a{a_socket, where(relay.socket), a_view, true, now};
  SrdpLink b{b_socket, std::nullopt, b_view, true, now};
  Pair(double loss) {
    relay.a = where(a_socket);
    relay.b = where(b_socket);
    relay.loss = loss;
    a.start(now);
    b.start(now);
  }
  // One step of virtual time: datagrams moved, timers run.
  void step() {
    now += 250ms;
    for (int round = 0; round < 3; ++round) {
      relay.pump();
      a.on_ready({a_socket.fd(), true, false, false}, now);
      b.on_ready({b_socket.fd(), true, false, false}, now);
    }
    for (SrdpLink* link : {&a, &b}) {
      if (const auto deadline = link->next_deadline(); deadline && *deadline <= now) {
        link->on_timer(now);
      }
    }
  }
  void type(SrdpLink& link, std::vector<UserEdit> edits) {
    link.send(edits, now);
    step();
  }
};

UserEdit text(const std::string& t) {
  return {UserEdit::Kind::Text, t, t};
}

void converse(Pair& pair) {
  for (const char c : std::string("hello world")) pair.type(pair.a, {text(std::string(1, c))});
  pair.type(pair.a, {{UserEdit::Kind::WordErase, "", ""}, text("there")});
  pair.type(pair.a, {{UserEdit::Kind::Newline, "", ""}, text("caf\xc3\xa9 x")});
  pair.type(pair.a, {{UserEdit::Kind::Erase, "", ""}});
  for (const char* word : {"hi ", "from ", "b\xc3\xbc"}) pair.type(pair.b, {text(word)});
  pair.type(pair.b, {{UserEdit::Kind::Topic, "topic", ""}});
  for (int i = 0; i < 240; ++i) pair.step();  // a minute of timers for the lost ones
}

TEST(SrdpLinkIntegration, LosslessConversation) {
  Pair pair(0);
  converse(pair);
  EXPECT_EQ(pair.b_view.pane.line_text(0), "hello there");
  EXPECT_EQ(pair.b_view.pane.line_text(1), "caf\xc3\xa9 ");
  EXPECT_EQ(pair.a_view.pane.line_text(0), "hi from b\xc3\xbc");
  EXPECT_EQ(pair.a_view.topic, "topic");
  EXPECT_EQ(pair.a.state(), LinkState::Open);
  EXPECT_EQ(pair.b.peer(), where(pair.relay.socket));
  pair.a.close(pair.now);
  pair.step();
  EXPECT_EQ(pair.b.state(), LinkState::Closed);
  EXPECT_EQ(pair.b.close_reason(), LinkCloseReason::PeerHungUp);
}

TEST(SrdpLinkIntegration, TwentyPercentLossConvergesToTheSameText) {
  Pair lossless(0);
  converse(lossless);
  Pair lossy(0.2);
  converse(lossy);
  EXPECT_GT(lossy.relay.dropped, 0);
  for (std::size_t line = 0; line < 2; ++line) {
    EXPECT_EQ(lossy.b_view.pane.line_text(line), lossless.b_view.pane.line_text(line));
  }
  EXPECT_EQ(lossy.a_view.pane.line_text(0), lossless.a_view.pane.line_text(0));
  EXPECT_EQ(lossy.a_view.topic, "topic");
}

TEST(SrdpLinkIntegration, GarbageAndThirdAddressesAreIgnored) {
  Pair pair(0);
  pair.type(pair.a, {text("safe")});
  std::mt19937 random(7);
  for (int i = 0; i < 200; ++i) {
    std::vector<std::uint8_t> junk(random() % 64);
    for (auto& byte : junk) byte = static_cast<std::uint8_t>(random());
    if (i % 3 == 0 && junk.size() >= 8) junk[0] = 1;  // looks like SRDP more often
    (void)pair.relay.socket.send_to(junk, pair.relay.b);
  }
  for (int i = 0; i < 4; ++i) pair.step();  // drained before the socket buffer fills
  UdpSocket third = bound();
  auto forged =
      proto::utalk::encode_data({1, 1, {{proto::utalk::DataOp::Kind::Text, "EVIL", 0, 0}}});
  forged.seq = 2;
  (void)third.send_to(proto::srdp::encode_packet(std::vector{forged}), where(pair.b_socket));
  for (int i = 0; i < 8; ++i) pair.step();
  EXPECT_EQ(pair.b_view.pane.line_text(0), "safe");
  EXPECT_GE(pair.b.counters().foreign, 1U);
  EXPECT_GT(pair.b.counters().malformed + pair.b.session().counters().malformed, 0U);
  EXPECT_EQ(pair.b.state(), LinkState::Open);
  pair.type(pair.a, {text("!")});
  EXPECT_EQ(pair.b_view.pane.line_text(0), "safe!");
}

}  // namespace
}  // namespace talk::client
