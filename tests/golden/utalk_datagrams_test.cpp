// Replays the datagrams of real utalk-to-utalk sessions (utalk.vectors): every SRDP datagram
// decoded and re-encoded byte for byte, its talk layer too, and the talkd rendezvous that led to
// one (utalk's '!' ANNOUNCE through an old-protocol daemon).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "golden/vectors_file.hpp"
#include "protocol/answer_text.hpp"
#include "protocol/codec.hpp"
#include "protocol/srdp.hpp"
#include "protocol/utalk_data.hpp"

namespace talk::golden {
namespace {

namespace srdp = proto::srdp;

std::string chunk_name(std::uint8_t type) {
  static const std::map<std::uint8_t, std::string> names{
      {srdp::type::kUtalkData, "DATA"},      {srdp::type::kUtalkTopic, "TOPIC"},
      {srdp::type::kPing, "PING"},           {srdp::type::kPingReply, "PINGREP"},
      {srdp::type::kMissingList, "MISSLST"}, {srdp::type::kCurrent, "CURRENT"},
      {srdp::type::kOldest, "OLDEST"},       {srdp::type::kAlive, "ALIVE"},
      {srdp::type::kClose, "CLOSE"},         {srdp::type::kDrop, "DROP"}};
  const auto found = names.find(type);
  return found == names.end() ? "?" : found->second;
}

/// The talk layer's own round trip: the chunk rebuilt from what it means.
srdp::Chunk reencoded_talk_layer(const srdp::Chunk& chunk) {
  srdp::Chunk again;
  if (chunk.type == srdp::type::kUtalkData) {
    const auto data = proto::utalk::decode_data(chunk);
    if (!data) return {};
    again = proto::utalk::encode_data(*data);
  } else {
    const auto topic = proto::utalk::decode_topic(chunk);
    if (!topic) return {};
    again = proto::utalk::encode_topic(*topic);
  }
  again.seq = chunk.seq;
  return again;
}

TEST(UtalkDatagrams, SrdpDecodesAndReencodesByteForByte) {
  const VectorFile file = load_golden("utalk.vectors");
  ASSERT_EQ(file.error, "");
  std::set<std::string> seen_types;
  std::set<std::string> steps;
  int truncations = 0;
  int moves = 0;
  for (const Vector& v : file.vectors) {
    if (!v.peer_to_peer) continue;
    SCOPED_TRACE(v.where());
    steps.insert(v.step);
    const srdp::DecodedPacket packet = srdp::decode_packet(v.bytes);
    ASSERT_TRUE(packet.ok()) << srdp::describe(packet.error);
    std::string types;
    for (const srdp::Chunk& chunk : packet.chunks) {
      types += (types.empty() ? "" : "+") + chunk_name(chunk.type);
      seen_types.insert(chunk_name(chunk.type));
      EXPECT_EQ(chunk.version, srdp::kVersion);
      const bool talk_layer =
          chunk.type == srdp::type::kUtalkData || chunk.type == srdp::type::kUtalkTopic;
      EXPECT_EQ(chunk.level, talk_layer ? srdp::kUtalkLevel : 0);  // as utalk sets it
      if (!talk_layer) continue;
      EXPECT_EQ(reencoded_talk_layer(chunk), chunk);
      if (chunk.type != srdp::type::kUtalkData) continue;
      const auto data = proto::utalk::decode_data(chunk);
      ASSERT_TRUE(data);
      if (data->ops.empty()) ++moves;
      for (const auto& op : data->ops) {
        if (op.kind == proto::utalk::DataOp::Kind::Truncate) ++truncations;
      }
    }
    EXPECT_EQ(types, v.type);
    EXPECT_EQ(srdp::encode_packet(packet.chunks), v.bytes);
  }
  EXPECT_EQ(steps, (std::set<std::string>{"raw", "talkd"}));
  for (const char* type : {"ALIVE", "CURRENT", "DATA", "TOPIC", "DROP"}) {
    EXPECT_TRUE(seen_types.count(type)) << type;
  }
  EXPECT_GE(truncations, 3);  // erase, word erase and kill are all ff 00
  EXPECT_GE(moves, 2);        // a left arrow and a new line
}

TEST(UtalkDatagrams, RendezvousAnnouncesTheMarkedNameAndInvitesTheSrdpPort) {
  const VectorFile file = load_golden("utalk.vectors");
  ASSERT_EQ(file.error, "");
  std::optional<std::uint16_t> invited_port;
  std::optional<std::uint16_t> found_port;
  std::optional<std::uint16_t> srdp_port;  // where the callee sent its first SRDP datagram
  int announces = 0;
  for (const Vector& v : file.vectors) {
    SCOPED_TRACE(v.where());
    if (v.peer_to_peer) {
      if (v.step == "talkd" && !srdp_port) srdp_port = v.dst.port;
      continue;
    }
    if (!v.request) {
      if (v.proto == "otalk" && v.type == "LOOK_UP") {
        const auto response = proto::decode_otalk_response(v.bytes);
        ASSERT_TRUE(response.message);
        if (response.message->answer == proto::Answer::Success) {
          found_port = response.message->addr.port;
        }
      }
      continue;
    }
    if (v.proto == "ntalk") {  // the probe of a port where no daemon answers
      const auto d = proto::decode_ctl_message(v.bytes);
      ASSERT_TRUE(d.ok()) << proto::describe(d.error);
      EXPECT_EQ(proto::request_type_name(d.message->type), "LOOK_UP");
      continue;
    }
    const auto d = proto::decode_otalk_message(v.bytes);
    ASSERT_TRUE(d.ok()) << proto::describe(d.error);
    const proto::OtalkMessage& m = *d.message;
    EXPECT_EQ(proto::request_type_name(m.type), v.type);
    const auto again = proto::encode(m);
    EXPECT_EQ(std::vector<std::uint8_t>(again.begin(), again.end()), v.bytes);
    if (m.type == proto::RequestType::Announce) {
      ++announces;
      EXPECT_EQ(m.l_name, "!tkalice");  // utalk's mark: answer with utalk
    } else if (m.type == proto::RequestType::LeaveInvite) {
      EXPECT_EQ(m.l_name, "tkalice");  // the invitation keeps the plain name
      invited_port = m.addr.port;
    }
  }
  EXPECT_EQ(announces, 1);
  ASSERT_TRUE(invited_port && found_port && srdp_port);
  EXPECT_EQ(*found_port, *invited_port);
  EXPECT_EQ(*srdp_port, *invited_port) << "the invitation's port is the caller's SRDP port";
}

TEST(VectorsFormat, DatagramLinesAreSrdpOnly) {
  const VectorFile f = parse_vectors(
      "x", "datagram srdp ALIVE raw 127.0.0.1:4000 127.0.0.1:4001 010000f500000008 # alive\n");
  ASSERT_EQ(f.error, "");
  ASSERT_EQ(f.vectors.size(), 1U);
  EXPECT_TRUE(f.vectors[0].peer_to_peer);
  EXPECT_FALSE(f.vectors[0].request);
  EXPECT_NE(parse_vectors("x", "datagram ntalk LOOK_UP s 127.0.0.1:1 127.0.0.1:518 00\n").error,
            "");
  EXPECT_NE(parse_vectors("x", "request srdp ALIVE s 127.0.0.1:1 127.0.0.1:2 00\n").error, "");
}

}  // namespace
}  // namespace talk::golden
