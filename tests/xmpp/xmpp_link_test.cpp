// Unit tests of XmppLink over a fake connection: the link's states, the peer's text on its pane,
// typing states and notices in talk's words, the user's edits as real-time text.
#include <gtest/gtest.h>

#include "fake_connection.hpp"
#include "talk/status_texts.hpp"
#include "talk/xmpp_link.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::client {
namespace {

class RecordingView final : public PeerView {
 public:
  Pane& text() override { return pane; }
  void ring() override { ++bells; }
  void show_topic(const std::string& /*topic*/) override {}
  void show_typing(TypingState state) override { typing = state; }
  void show_notice(const std::string& text) override { notice = text; }

  Pane pane;
  int bells = 0;
  TypingState typing = TypingState::Unknown;
  std::string notice;
};

class XmppLinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    xmpp::Account account;
    account.jid = *xmpp::parse_jid("alice@example.org");
    std::string error;
    ASSERT_TRUE(link.login(account, "pw", error)) << error;
    link.start(now);
    EXPECT_EQ(view.notice, "Logging in to the XMPP server");
    connection.events->connected("alice@example.org/talk-ng");
    link.on_timer(now);
  }

  void from_bob(xmpp::ChatMessage m) {
    xmpp::Element stanza = xmpp::build_message(m);
    stanza.set_attribute("from", "bob@example.org/x");
    connection.events->received(stanza);
    link.on_timer(now);
  }

  LinkTime now{std::chrono::hours(3)};
  xmpp::testing::FakeConnection connection;
  RecordingView view;
  XmppLink link{
      connection,
      xmpp::ChatSettings{*xmpp::parse_jid("alice@example.org"), *xmpp::parse_jid("bob@example.org"),
                         5, std::chrono::milliseconds(30000)},
      view, true};
};

TEST_F(XmppLinkTest, WaitsThenOpensOnTheAnswerAndShowsThePeersText) {
  EXPECT_EQ(link.state(), LinkState::Connecting);
  EXPECT_EQ(view.notice, text::kWaitingForParty);
  EXPECT_TRUE(link.poll_interest().empty());
  ASSERT_TRUE(link.next_deadline());
  EXPECT_LE(*link.next_deadline(), now + connection.max_wait());

  xmpp::ChatMessage m;
  m.chat_state = xmpp::ChatState::Composing;
  m.rtt = xmpp::RttEvent{xmpp::RttEventType::New, 1, {xmpp::RttInsert{{}, "hello\x1b[2J"}}};
  from_bob(m);
  EXPECT_EQ(link.state(), LinkState::Open);
  EXPECT_EQ(view.notice, text::kConnectionEstablished);
  EXPECT_EQ(view.bells, 1);
  EXPECT_EQ(view.typing, TypingState::Composing);
  EXPECT_EQ(view.pane.line_text(0), "hello\xef\xbf\xbd[2J");

  m = {};
  m.body = "hello";
  m.chat_state = xmpp::ChatState::Active;
  from_bob(m);
  EXPECT_EQ(view.pane.line_text(0), "hello");
  EXPECT_EQ(view.pane.line_count(), 2u);
  EXPECT_EQ(view.typing, TypingState::Active);

  m = {};
  m.chat_state = xmpp::ChatState::Gone;
  from_bob(m);
  EXPECT_EQ(link.state(), LinkState::Closed);
  EXPECT_EQ(link.close_reason(), LinkCloseReason::PeerHungUp);
}

TEST_F(XmppLinkTest, UserEditsBecomeRealTimeTextAndMessages) {
  connection.take_sent();
  link.send({{UserEdit::Kind::Text, "hi you", "hi you"},
             {UserEdit::Kind::WordErase, "", "\x17"},
             {UserEdit::Kind::Text, "all", "all"}},
            now);
  link.send({{UserEdit::Kind::Newline, "", "\n"}}, now);
  const auto sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(xmpp::parse_message(sent[0])->rtt,
            (xmpp::RttEvent{xmpp::RttEventType::New, 5, {xmpp::RttInsert{{}, "hi all"}}}));
  EXPECT_EQ(xmpp::parse_message(sent[1])->body, "hi all");
}

TEST_F(XmppLinkTest, ADroppedConnectionIsLostWithTheReason) {
  connection.events->disconnected("connection error 104");
  link.on_timer(now);
  EXPECT_EQ(link.state(), LinkState::Closed);
  EXPECT_EQ(link.close_reason(), LinkCloseReason::Lost);
  EXPECT_EQ(link.detail(), "XMPP: connection error 104");
}

TEST_F(XmppLinkTest, CloseSaysGoneAndDisconnects) {
  connection.take_sent();
  link.close(now);
  EXPECT_TRUE(connection.disconnect_called);
  EXPECT_EQ(link.state(), LinkState::Closed);
  EXPECT_EQ(link.close_reason(), LinkCloseReason::LocalQuit);
  EXPECT_EQ(xmpp::parse_message(connection.take_sent().at(0))->chat_state, xmpp::ChatState::Gone);
}

TEST_F(XmppLinkTest, PollsTheConnectionsDescriptorAndPumpsOftenOnlyAfterItWasReadable) {
  connection.fd = 7;
  auto interest = link.poll_interest();
  ASSERT_EQ(interest.size(), 1u);
  EXPECT_EQ(interest[0].fd, 7);
  EXPECT_TRUE(interest[0].read);
  EXPECT_FALSE(interest[0].write);
  connection.output_queued = true;
  interest = link.poll_interest();
  ASSERT_EQ(interest.size(), 1u);
  EXPECT_TRUE(interest[0].write);
  connection.output_queued = false;

  now += std::chrono::seconds(40);  // past the ring interval, so only the pump paces the link
  link.on_timer(now);
  EXPECT_EQ(link.next_deadline(), now + connection.max_wait());
  const int pumps = connection.pumps;
  link.on_ready({7, true, false, false}, now);
  EXPECT_GT(connection.pumps, pumps);
  EXPECT_EQ(link.next_deadline(), now + kXmppBusyPump);
  now += kXmppBusyFor;
  link.on_timer(now);
  EXPECT_EQ(link.next_deadline(), now + connection.max_wait());
}

}  // namespace
}  // namespace talk::client
