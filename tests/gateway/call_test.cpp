// A call to XMPP end to end inside the gateway's core: the XMPP side is a fake connection, the
// talk side a real TCP connection on loopback. What the talk peer types (with its own edit
// characters) goes out as real-time text and messages; the XMPP peer's real-time text comes
// back as talk bytes, an edit in the middle of the line as erases and the retyped tail.
#include "gateway/call.hpp"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

#include "platform/client_poll.hpp"
#include "xmpp/fake_connection.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::gateway {
namespace {

using namespace std::chrono_literals;

class CallTest : public ::testing::Test {
 protected:
  CallTest() : hub_(upstream_) {
    std::string error;
    EXPECT_TRUE(hub_.start(xmpp::Account{}, "pw", error));
    upstream_.events->connected("gateway@localhost/gateway");
    std::error_code ec;
    caller_ = platform::TcpListener::open_any(ec);
    EXPECT_FALSE(ec);
    CallSettings s;
    s.direction = CallDirection::ToXmpp;
    s.local_user = "tkalice";
    s.short_name = "carol-x";
    s.host = "host";
    s.me = *xmpp::parse_jid("gateway@localhost");
    s.peer = *xmpp::parse_jid("carol@localhost");
    s.caller_addr = proto::TalkAddr{proto::kAfInet, caller_.port(), platform::kLoopbackAddress, {}};
    call_ = std::make_unique<Call>(hub_, hub_.open_channel("carol@localhost"), s);
    EXPECT_TRUE(call_->start(now_, error));
    tick();
  }

  void tick(std::chrono::milliseconds step = 0ms) {
    now_ += step;
    hub_.pump();
    call_->on_timer(now_);
  }

  // Lets the call see its sockets' readiness once (waiting a little for it).
  void poll_call() {
    std::vector<platform::PollEntry> entries;
    call_->add_poll(entries);
    if (!entries.empty()) (void)platform::poll_entries(entries, 10ms);
    call_->on_poll(entries, now_);
    tick();
  }

  void from_carol(xmpp::ChatMessage message) {
    xmpp::Element e = xmpp::build_message(message);
    e.set_attribute("from", "carol@localhost/phone");
    upstream_.events->received(e);
    tick();
  }

  std::string read_talk(std::size_t want) {
    std::string got;
    for (int round = 0; round < 200 && got.size() < want; ++round) {
      poll_call();
      std::array<std::uint8_t, 256> buffer{};
      std::size_t n = 0;
      if (!talk_.read(buffer, n)) got.append(reinterpret_cast<const char*>(buffer.data()), n);
    }
    return got;
  }

  void write_talk(std::string_view bytes) {
    std::size_t written = 0;
    ASSERT_FALSE(talk_.write(
        std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), written));
    ASSERT_EQ(written, bytes.size());
    for (int round = 0; round < 5; ++round) poll_call();
  }

  std::vector<xmpp::ChatMessage> sent() {
    std::vector<xmpp::ChatMessage> out;
    for (const xmpp::Element& e : upstream_.take_sent()) {
      if (auto m = xmpp::parse_message(e)) out.push_back(*m);
    }
    return out;
  }

  void answer() {
    xmpp::ChatMessage hello;
    hello.chat_state = xmpp::ChatState::Active;
    from_carol(hello);
    EXPECT_EQ(call_->state(), Call::State::Connecting);
    for (int round = 0; round < 50 && !talk_.valid(); ++round) {
      std::vector<platform::PollEntry> entries{{caller_.fd(), true}};
      (void)platform::poll_entries(entries, 50ms);
      std::error_code ec;
      platform::Ipv4Endpoint from;
      talk_ = caller_.accept(ec, from);
    }
    ASSERT_TRUE(talk_.valid());
    (void)talk_.prepare_for_conversation();
    EXPECT_EQ(read_talk(3), "\x7f\x15\x17");  // the gateway's edit characters
    write_talk("\x08\x15\x17");               // ours: ^H, ^U, ^W
  }

  xmpp::testing::FakeConnection upstream_;
  XmppHub hub_;
  platform::TcpListener caller_;
  platform::TcpStream talk_;
  std::unique_ptr<Call> call_;
  std::chrono::steady_clock::time_point now_{std::chrono::hours(2)};
};

TEST_F(CallTest, RingsThenConnectsToTheCallersInvitation) {
  const auto ring = sent();
  ASSERT_FALSE(ring.empty());
  EXPECT_EQ(ring.back().to, "carol@localhost");
  EXPECT_NE(ring.back().body->find("tkalice@host wants to talk"), std::string::npos);
  answer();
  EXPECT_EQ(call_->state(), Call::State::Open);
}

TEST_F(CallTest, TalkBytesBecomeRealTimeTextAndALine) {
  answer();
  (void)sent();
  write_talk(
      "hellp\x08o wor\x17"
      "world");
  tick(1s);
  const auto typing = sent();
  ASSERT_FALSE(typing.empty());
  ASSERT_TRUE(typing.back().rtt);
  write_talk("\n");
  tick(1s);
  const auto line = sent();
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back().body, "hello world");
  write_talk(
      "gone\x15"
      "kept\n");
  tick(1s);
  EXPECT_EQ(sent().back().body, "kept");
}

TEST_F(CallTest, AnEditInTheMiddleIsErasedAndRetyped) {
  answer();
  xmpp::ChatMessage m;
  m.rtt = xmpp::RttEvent{xmpp::RttEventType::New, 10, {xmpp::RttInsert{std::nullopt, "abcdef"}}};
  from_carol(m);
  EXPECT_EQ(read_talk(6), "abcdef");
  m.rtt = xmpp::RttEvent{xmpp::RttEventType::Edit, 11, {xmpp::RttInsert{2, "X"}}};
  from_carol(m);
  EXPECT_EQ(read_talk(9), "\x7f\x7f\x7f\x7fXcdef");
  m.rtt.reset();
  m.body = "abXcdef";
  from_carol(m);
  EXPECT_EQ(read_talk(1), "\n");
  m.body =
      "caf\xc3\xa9 \xc2\x9b"
      "2J";  // a C1 control: replaced, then made ASCII
  from_carol(m);
  EXPECT_EQ(read_talk(9), "caf? ?2J\n");
}

TEST_F(CallTest, EitherSideHangingUpEndsTheCall) {
  answer();
  (void)sent();
  talk_ = platform::TcpStream();  // the talk user hangs up
  poll_call();
  EXPECT_EQ(call_->state(), Call::State::Closed);
  const auto bye = sent();
  ASSERT_FALSE(bye.empty());
  EXPECT_EQ(bye.back().chat_state, xmpp::ChatState::Gone);
}

TEST_F(CallTest, TheXmppPeerLeaving) {
  answer();
  xmpp::ChatMessage gone;
  gone.chat_state = xmpp::ChatState::Gone;
  from_carol(gone);
  EXPECT_EQ(call_->state(), Call::State::Closed);
  std::array<std::uint8_t, 16> buffer{};
  std::size_t n = 1;
  for (int round = 0; round < 100 && n != 0; ++round) {
    std::vector<platform::PollEntry> entries{{talk_.fd(), true}};
    (void)platform::poll_entries(entries, 50ms);
    if (talk_.read(buffer, n)) break;
  }
  EXPECT_EQ(n, 0U);  // the end of the stream
}

}  // namespace
}  // namespace talk::gateway
