// Unit tests of announcements held for a slow host name: the ring waits for the name (or for
// the bound, then shows the address) while every other request is answered at once.
#include <gtest/gtest.h>

#include "protocol/codec.hpp"
#include "talkd/caching_resolver.hpp"
#include "talkd/held_announcements.hpp"
#include "talkd/processor_fixture.hpp"
#include "talkd/server.hpp"

namespace talk::talkd {
namespace {

using testing::NoPoller;

using proto::Answer;
using proto::RequestType;

constexpr platform::Ipv4Endpoint kSlow{0x0a000003, 41000};

class SlowNamesTest : public testing::ProcessorTest {
 protected:
  SlowNamesTest() {
    policy = std::make_unique<AccessPolicy>(AclRules{}, false, users, files, logger);
    ProcessorSettings settings;
    settings.local_host = "here";
    processor_ = std::make_unique<RequestProcessor>(
        ProcessorParts{table, locator, ttys, *policy, limiter, names_, logger, clock}, settings);
    server_ =
        std::make_unique<Server>(std::vector<ListeningSocket>{{&socket_, "ntalk"}}, *processor_,
                                 table, poller_, clock, logger, ServerSettings{});
    server_->set_names(&names_);
  }
  void feed(const proto::CtlMessage& msg, platform::Ipv4Endpoint from) {
    const auto bytes = proto::encode(msg);
    platform::ReceivedDatagram received;
    received.size = bytes.size();
    received.source = from;
    server_->handle_datagram(socket_, bytes, bytes.size(), received);
  }
  proto::CtlResponse reply(std::size_t i) const {
    return *proto::decode_ctl_response(socket_.sent.at(i).bytes).message;
  }

  testing::FakeNameLookups lookups_;
  CachingResolver names_{resolver, lookups_, clock};
  NoPoller poller_;
  testing::FakeSocket socket_;
  std::unique_ptr<RequestProcessor> processor_;
  std::unique_ptr<Server> server_;
};

TEST_F(SlowNamesTest, TheRingWaitsForTheNameWhileOthersAreServed) {
  const auto announce = testing::request(RequestType::Announce, "alice", "bob");
  feed(announce, kSlow);
  feed(announce, kSlow);  // a retransmission while held: still one answer later
  EXPECT_TRUE(socket_.sent.empty());
  EXPECT_TRUE(ttys.writes.empty());
  EXPECT_EQ(lookups_.started, (std::vector<std::uint32_t>{kSlow.address}));
  EXPECT_EQ(server_->held(), 1U);

  // Someone else is answered at once meanwhile.
  feed(testing::request(RequestType::LeaveInvite, "carol", "dave"), testing::kLocal);
  feed(testing::request(RequestType::LookUp, "dave", "carol"), testing::kLocal);
  ASSERT_EQ(socket_.sent.size(), 2U);
  EXPECT_EQ(reply(1).answer, Answer::Success);

  lookups_.finish(kSlow.address, "slow.example");
  server_->settle_names(true);
  ASSERT_EQ(socket_.sent.size(), 3U);
  EXPECT_EQ(socket_.sent[2].to, kSlow);
  EXPECT_EQ(reply(2).answer, Answer::Success);
  ASSERT_EQ(ttys.writes.size(), 1U);
  EXPECT_NE(ttys.writes[0].bytes.find("connection requested by alice@slow.example."),
            std::string::npos);
  EXPECT_EQ(server_->held(), 0U);
}

TEST_F(SlowNamesTest, AfterTheBoundTheAddressIsShown) {
  feed(testing::request(RequestType::Announce, "alice", "bob"), kSlow);
  clock.advance(std::chrono::milliseconds(3999));
  server_->settle_names(false);
  EXPECT_TRUE(socket_.sent.empty());
  clock.advance(std::chrono::milliseconds(1));
  server_->settle_names(false);
  ASSERT_EQ(socket_.sent.size(), 1U);
  ASSERT_EQ(ttys.writes.size(), 1U);
  EXPECT_NE(ttys.writes[0].bytes.find("connection requested by alice@10.0.0.3."),
            std::string::npos);
}

TEST_F(SlowNamesTest, OnlyAnnouncementsThatRingWait) {
  // The callee is not logged on: the answer does not depend on the name.
  feed(testing::request(RequestType::Announce, "alice", "nobody-here"), kSlow);
  ASSERT_EQ(socket_.sent.size(), 1U);
  EXPECT_EQ(reply(0).answer, Answer::NotHere);
  // A known name rings at once.
  lookups_.finish(kSlow.address, "slow.example");
  server_->settle_names(true);
  feed(testing::request(RequestType::Announce, "alice", "bob"), kSlow);
  ASSERT_EQ(socket_.sent.size(), 2U);
  EXPECT_EQ(ttys.writes.size(), 1U);
  // Its retransmission is a duplicate, answered at once without a ring.
  feed(testing::request(RequestType::Announce, "alice", "bob"), kSlow);
  EXPECT_EQ(socket_.sent.size(), 3U);
  EXPECT_EQ(ttys.writes.size(), 1U);
}

TEST(HeldAnnouncements, AbsorbsRetransmissionsAndStaysBounded) {
  HeldAnnouncements held(2);
  HeldRequest first;
  first.source = {1, 2000};
  first.msg.pid = 1;
  EXPECT_TRUE(held.hold(first));
  EXPECT_TRUE(held.hold(first));
  HeldRequest second = first;
  second.msg.pid = 2;
  second.deadline += std::chrono::seconds(1);
  EXPECT_TRUE(held.hold(second));
  HeldRequest third = first;
  third.msg.pid = 3;
  EXPECT_FALSE(held.hold(third));
  EXPECT_EQ(held.size(), 2U);
  EXPECT_EQ(held.next_deadline(), first.deadline);
  EXPECT_EQ(held.first_due(first.deadline), std::optional<std::uint32_t>(1));
  EXPECT_EQ(held.release(1).size(), 2U);
  EXPECT_TRUE(held.empty());
}

}  // namespace
}  // namespace talk::talkd
