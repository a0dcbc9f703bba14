// talkd's hand-over to the talk-XMPP gateway: only callee names that are no local user, only
// callers on this host, and the caller sees the answers of a local call.
#include <gtest/gtest.h>

#include <set>

#include "talkd/processor_fixture.hpp"

namespace talk::talkd::testing {
namespace {

using proto::Answer;
using proto::RequestType;

class FakeGateway final : public GatewayHandoff {
 public:
  bool offer(const proto::GatewayMessage& ring) override {
    offers.push_back(ring);
    return known.contains(ring.callee);
  }
  void cancel(const proto::GatewayMessage& message) override { cancels.push_back(message); }
  std::vector<proto::GatewayMessage> cancels;
  std::set<std::string> known;
  std::vector<proto::GatewayMessage> offers;
};

class HandoffTest : public ProcessorTest {
 protected:
  HandoffTest() {
    gateway.known.insert("carol-x");
    processor = std::make_unique<RequestProcessor>(make_processor());
    processor->set_gateway(&gateway);
  }
  FakeGateway gateway;
};

TEST_F(HandoffTest, AGatewayNameIsAnsweredLikeALocalCallee) {
  const auto r = process(request(RequestType::Announce, "alice", "carol-x"), kLocal);
  EXPECT_EQ(r.answer, Answer::Success);
  EXPECT_NE(r.id_num, 0U);
  ASSERT_EQ(gateway.offers.size(), 1U);
  EXPECT_EQ(gateway.offers[0].caller, "alice");
  EXPECT_EQ(gateway.offers[0].callee, "carol-x");
  EXPECT_EQ(gateway.offers[0].addr, proto::make_inet_addr(0x0a000002, 40000));
  EXPECT_TRUE(ttys.writes.empty());
  // A retransmission is answered from the table; a re-announce is offered again.
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "carol-x", 0), kLocal).id_num,
            r.id_num);
  EXPECT_EQ(gateway.offers.size(), 1U);
  const auto again =
      process(request(RequestType::Announce, "alice", "carol-x", r.id_num + 1), kLocal);
  EXPECT_EQ(again.answer, Answer::Success);
  EXPECT_EQ(gateway.offers.size(), 2U);
}

TEST_F(HandoffTest, TheCallersDeleteCancelsTheRing) {
  const auto r = process(request(RequestType::Announce, "alice", "carol-x"), kLocal);
  auto del = request(RequestType::Delete, "alice", "carol-x", r.id_num);
  EXPECT_EQ(process(del, kRemote).answer, Answer::NotHere);  // only from where it came
  EXPECT_TRUE(gateway.cancels.empty());
  EXPECT_EQ(process(del, kLocal).answer, Answer::Success);
  ASSERT_EQ(gateway.cancels.size(), 1U);
  EXPECT_EQ(gateway.cancels[0].verb, proto::GatewayVerb::Cancel);
  EXPECT_EQ(gateway.cancels[0].caller, "alice");
  EXPECT_EQ(gateway.cancels[0].callee, "carol-x");
  // Deleting a local call's invitation tells the gateway nothing.
  const auto local = process(request(RequestType::LeaveInvite, "alice", "bob"), kLocal);
  EXPECT_EQ(process(request(RequestType::Delete, "alice", "bob", local.id_num), kLocal).answer,
            Answer::Success);
  EXPECT_EQ(gateway.cancels.size(), 1U);
}

TEST_F(HandoffTest, UnknownNamesAndRemoteCallersAreNotHere) {
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "dave-x"), kLocal).answer,
            Answer::NotHere);
  EXPECT_EQ(gateway.offers.size(), 1U);
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "carol-x"), kRemote).answer,
            Answer::NotHere);
  EXPECT_EQ(gateway.offers.size(), 1U);
  EXPECT_EQ(table.size(), 0U);
}

TEST_F(HandoffTest, LocalUsersComeFirst) {
  gateway.known.insert("bob");
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "bob"), kLocal).answer,
            Answer::Success);
  EXPECT_TRUE(gateway.offers.empty());
  EXPECT_EQ(ttys.writes.size(), 1U);
}

TEST(ChannelHandoff, NoGatewayListeningIsNoGatewayName) {
  ChannelHandoff handoff("/nonexistent/gateway.sock", std::chrono::milliseconds(50));
  proto::GatewayMessage ring;
  ring.verb = proto::GatewayVerb::Ring;
  ring.caller = "alice";
  ring.callee = "carol-x";
  EXPECT_FALSE(handoff.offer(ring));
  ChannelHandoff none("", std::chrono::milliseconds(50));
  EXPECT_FALSE(none.offer(ring));
}

}  // namespace
}  // namespace talk::talkd::testing
