// The shared XMPP login: stanzas routed to the channel of their sender, the sessions' own
// broadcast presence kept off the wire, the rest kept for the gateway.
#include "gateway/xmpp_hub.hpp"

#include <gtest/gtest.h>

#include "xmpp/fake_connection.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::gateway {
namespace {

class Recorder final : public xmpp::ConnectionEvents {
 public:
  void connected(const std::string& /*jid*/) override { ++connects; }
  void disconnected(const std::string& reason) override { reasons.push_back(reason); }
  void received(const xmpp::Element& stanza) override { stanzas.push_back(stanza); }
  int connects = 0;
  std::vector<std::string> reasons;
  std::vector<xmpp::Element> stanzas;
};

xmpp::Element message_from(const std::string& from, const std::string& body) {
  xmpp::ChatMessage m;
  m.body = body;
  xmpp::Element e = xmpp::build_message(m);
  if (!from.empty()) e.set_attribute("from", from);
  return e;
}

TEST(XmppHub, RoutesBySenderAndKeepsTheRest) {
  xmpp::testing::FakeConnection upstream;
  XmppHub hub(upstream);
  std::string error;
  ASSERT_TRUE(hub.start(xmpp::Account{}, "pw", error));
  auto channel = hub.open_channel("Carol@Example.org");
  ASSERT_TRUE(channel);
  EXPECT_FALSE(hub.open_channel("carol@example.org/other"));  // one per peer
  Recorder events;
  ASSERT_TRUE(channel->connect(xmpp::Account{}, "", "", events, error));
  upstream.events->connected("gateway@example.org/gateway");
  hub.pump();
  EXPECT_EQ(events.connects, 1);
  EXPECT_EQ(upstream.take_sent().size(), 1U);  // the hub's own presence

  upstream.events->received(message_from("carol@example.org/phone", "hi"));
  upstream.events->received(message_from("dave@example.org/pc", "talk bob"));
  EXPECT_EQ(events.stanzas.size(), 1U);
  const auto rest = hub.take_unrouted();
  ASSERT_EQ(rest.size(), 1U);
  EXPECT_EQ(*rest[0].attribute("from"), "dave@example.org/pc");

  channel->send(xmpp::build_presence(xmpp::Presence{}));  // broadcast: dropped
  xmpp::Presence directed;
  directed.to = "carol@example.org";
  channel->send(xmpp::build_presence(directed));
  channel->send(message_from("", "to carol"));
  EXPECT_EQ(upstream.take_sent().size(), 2U);

  channel->disconnect();
  hub.pump();
  EXPECT_EQ(events.reasons, std::vector<std::string>{""});
  channel.reset();
  EXPECT_FALSE(hub.has_channel("carol@example.org"));
  upstream.events->received(message_from("carol@example.org/phone", "again"));
  EXPECT_EQ(hub.take_unrouted().size(), 1U);
}

TEST(XmppHub, AnswersRequestsNoChannelTakes) {
  xmpp::testing::FakeConnection upstream;
  XmppHub hub(upstream);
  std::string error;
  ASSERT_TRUE(hub.start(xmpp::Account{}, "pw", error));
  upstream.events->connected("g@example.org/gateway");
  (void)upstream.take_sent();
  xmpp::Element ping;
  ping.name = "iq";
  ping.set_attribute("type", "get");
  ping.set_attribute("id", "p1");
  ping.set_attribute("from", "server.example.org");
  ping.add_child("ping", "urn:xmpp:ping");
  upstream.events->received(ping);
  const auto sent = upstream.take_sent();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(*sent[0].attribute("type"), "error");
  EXPECT_EQ(*sent[0].attribute("id"), "p1");
  xmpp::Element result = ping;
  result.set_attribute("type", "result");
  upstream.events->received(result);
  EXPECT_TRUE(upstream.take_sent().empty());
  EXPECT_TRUE(hub.take_unrouted().empty());
}

TEST(XmppHub, ALostLoginEndsEveryChannel) {
  xmpp::testing::FakeConnection upstream;
  XmppHub hub(upstream);
  std::string error;
  ASSERT_TRUE(hub.start(xmpp::Account{}, "pw", error));
  upstream.events->connected("g@example.org/gateway");
  auto channel = hub.open_channel("carol@example.org");
  Recorder events;
  ASSERT_TRUE(channel->connect(xmpp::Account{}, "", "", events, error));
  hub.pump();
  upstream.events->disconnected("connection error 104");
  hub.pump();
  EXPECT_EQ(events.reasons, std::vector<std::string>{"connection error 104"});
  EXPECT_FALSE(hub.online());
  EXPECT_EQ(hub.lost(), "connection error 104");
}

}  // namespace
}  // namespace talk::gateway
