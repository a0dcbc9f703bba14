// Unit tests of Server::handle_datagram: lengths, otalk, source checks, reply address.
#include "talkd/server.hpp"

#include <gtest/gtest.h>

#include "protocol/codec.hpp"
#include "talkd/processor_fixture.hpp"

namespace talk::talkd {
namespace {

using testing::NoPoller;

using proto::Answer;
using proto::RequestType;

class ServerTest : public testing::ProcessorTest {
 protected:
  ServerTest() : processor_(make_processor()) {}
  bool feed(std::span<const std::uint8_t> bytes, platform::Ipv4Endpoint from = testing::kRemote,
            std::size_t size = 0) {
    platform::ReceivedDatagram received;
    received.size = size != 0 ? size : bytes.size();
    received.source = from;
    return server_.handle_datagram(socket_, bytes, received.size, received);
  }
  RequestProcessor processor_;
  NoPoller poller_;
  testing::FakeSocket socket_;
  Server server_{{{&socket_, "ntalk"}}, processor_, table, poller_, clock, logger, {}};
};

TEST_F(ServerTest, RepliesToTheSourceNotToCtlAddr) {
  auto msg = testing::request(RequestType::LookUp, "bob", "alice");
  msg.ctl_addr = proto::make_inet_addr(0x01020304, 9999);  // spoofed
  ASSERT_TRUE(feed(proto::encode(msg)));
  ASSERT_EQ(socket_.sent.size(), 1U);
  EXPECT_EQ(socket_.sent[0].to, testing::kRemote);
  ASSERT_EQ(socket_.sent[0].bytes.size(), proto::kCtlResponseSize);
  const auto response = proto::decode_ctl_response(socket_.sent[0].bytes);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response.message->answer, Answer::NotHere);
}

TEST_F(ServerTest, WrongLengthsAreDroppedAndLoggedOnce) {
  const std::vector<std::uint8_t> junk(2048, 0x41);
  for (const std::size_t length : std::vector<std::size_t>{0, 1, 23, 24, 75, 77, 83, 85, 2048}) {
    EXPECT_FALSE(feed(std::span<const std::uint8_t>(junk.data(), length), testing::kRemote,
                      length == 0 ? 0 : length));
  }
  // A datagram larger than the buffer: its real size is reported, only part kept.
  EXPECT_FALSE(feed(std::span<const std::uint8_t>(junk.data(), 84), testing::kRemote, 5000));
  EXPECT_TRUE(socket_.sent.empty());
  EXPECT_EQ(server_.dropped(), 10U);
  std::size_t warnings = 0;
  for (const auto& e : logger.entries) warnings += e.level == platform::LogLevel::Warning;
  EXPECT_EQ(warnings, 1U);
}

TEST_F(ServerTest, PrivilegedSourcePortsAreDropped) {
  const auto msg = testing::request(RequestType::LookUp, "bob", "alice");
  EXPECT_FALSE(feed(proto::encode(msg), {0x0a000002, 1023}));
  EXPECT_TRUE(socket_.sent.empty());
}

TEST_F(ServerTest, NonIpv4SourcesAreDropped) {
  const auto bytes = proto::encode(testing::request(RequestType::LookUp, "bob", "alice"));
  platform::ReceivedDatagram received;
  received.size = bytes.size();
  received.source = {0, 4000};
  received.source_is_ipv4 = false;
  EXPECT_FALSE(server_.handle_datagram(socket_, bytes, bytes.size(), received));
  EXPECT_TRUE(socket_.sent.empty());
}

TEST_F(ServerTest, BadVersionIsAnswered) {
  auto bytes = proto::encode(testing::request(RequestType::LookUp, "bob", "alice"));
  bytes[0] = 2;
  ASSERT_TRUE(feed(bytes));
  const auto response = proto::decode_ctl_response(socket_.sent.at(0).bytes);
  EXPECT_EQ(response.message->answer, Answer::BadVersion);
  EXPECT_EQ(response.message->version, 1);
}

TEST_F(ServerTest, OtalkRequestGetsAnOtalkReply) {
  proto::OtalkMessage otalk;
  otalk.type = RequestType::Announce;
  otalk.l_name = "alice";
  otalk.r_name = "bob";
  otalk.id_num = 0;
  otalk.pid = 5;
  otalk.addr = proto::make_inet_addr(0x0a000002, 40000);
  otalk.ctl_addr = proto::make_inet_addr(0x0a000002, 40001);
  ASSERT_TRUE(feed(proto::encode(otalk)));
  ASSERT_EQ(socket_.sent.size(), 1U);
  ASSERT_EQ(socket_.sent[0].bytes.size(), proto::kOctlResponseSize);
  EXPECT_EQ(socket_.sent[0].bytes[0], 3);  // type first: the otalk layout has no version
  EXPECT_EQ(socket_.sent[0].bytes[1], 0);  // SUCCESS
  const auto response = proto::decode_otalk_response(socket_.sent[0].bytes);
  ASSERT_TRUE(response.message);
  EXPECT_EQ(response.message->answer, Answer::Success);
  EXPECT_EQ(response.message->id_num, 1U);
  EXPECT_EQ(ttys.writes.size(), 1U);

  // The same table: an ntalk LOOK_UP does not see an announcement, but DELETE by id works.
  const auto del = testing::request(RequestType::Delete, "alice", "bob", 1);
  ASSERT_TRUE(feed(proto::encode(del)));
  EXPECT_EQ(proto::decode_ctl_response(socket_.sent[1].bytes).message->answer, Answer::Success);
}

TEST_F(ServerTest, OtalkAnswersStayInTheOtalkRange) {
  proto::OtalkMessage otalk;
  otalk.type = RequestType::LookUp;
  otalk.l_name = "bob";
  otalk.r_name = "alice";
  otalk.addr = proto::make_inet_addr(0x0a000002, 40000);
  otalk.ctl_addr = proto::TalkAddr{7, 1, 2, {}};  // bad family: BADCTLADDR in ntalk
  auto bytes = proto::encode(otalk);
  feed(bytes);
  for (const auto& sent : socket_.sent) {
    EXPECT_LE(sent.bytes[1], static_cast<std::uint8_t>(proto::kLastOtalkAnswer));
  }
}

}  // namespace
}  // namespace talk::talkd
