// Unit tests: SRDP chunks and packets byte by byte (utalk's layouts and lengths).
#include <gtest/gtest.h>

#include <vector>

#include "protocol/srdp.hpp"

namespace talk::proto::srdp {
namespace {

using Wire = std::vector<std::uint8_t>;

TEST(SrdpCodec, CurrentIsTwelveBytesWithoutSequence) {
  const Chunk current = make_current(0x01020304);
  EXPECT_EQ(encode_packet(std::vector{current}), (Wire{1, 0, 0, 0xf9, 0, 0, 0, 12, 1, 2, 3, 4}));
}

TEST(SrdpCodec, DropAndAliveAreBareHeaders) {
  EXPECT_EQ(encode_packet(std::vector{make_drop()}), (Wire{1, 0, 0, 0xfc, 0, 0, 0, 8}));
  EXPECT_EQ(encode_packet(std::vector{make_alive()}), (Wire{1, 0, 0, 0xf5, 0, 0, 0, 8}));
}

TEST(SrdpCodec, SequencedChunkCarriesItsNumber) {
  Chunk data;
  data.type = type::kUtalkData;
  data.level = kUtalkLevel;
  data.seq = 7;
  data.body = {0, 1, 0, 1, 'h', 'i'};
  const Wire wire = encode_packet(std::vector{data});
  EXPECT_EQ(wire, (Wire{1, 0, 1, 2, 0, 0, 0, 18, 0, 0, 0, 7, 0, 1, 0, 1, 'h', 'i'}));
  const auto decoded = decode_packet(wire);
  ASSERT_TRUE(decoded.ok());
  ASSERT_EQ(decoded.chunks.size(), 1U);
  EXPECT_EQ(decoded.chunks[0], data);
}

TEST(SrdpCodec, SeveralChunksInOnePacket) {
  // CURRENT(11) + MISSLST[(5,0)], as utalk piggybacks a missing list on its CURRENT.
  const Wire wire = {1, 0, 0,    0xf9, 0, 0, 0,  12, 0, 0, 0, 11, 1,
                     0, 0, 0xfb, 0,    0, 0, 13, 0,  0, 0, 5, 0};
  const auto decoded = decode_packet(wire);
  ASSERT_TRUE(decoded.ok());
  ASSERT_EQ(decoded.chunks.size(), 2U);
  EXPECT_EQ(number_of(decoded.chunks[0]), 11U);
  EXPECT_EQ(missing_runs_of(decoded.chunks[1]), (std::vector<MissingRun>{{5, 0}}));
  const std::vector<MissingRun> runs = {{5, 0}};
  EXPECT_EQ(encode_packet(std::vector{make_current(11), make_missing_list(runs)}), wire);
}

TEST(SrdpCodec, MissingListKeepsWholeEntriesNewestFirst) {
  Chunk list = make_missing_list(std::vector<MissingRun>{{40, 2}, {9, 0}});
  EXPECT_EQ(list.body, (Wire{0, 0, 0, 40, 2, 0, 0, 0, 9, 0}));
  list.body.push_back(0xaa);  // a partial entry is ignored
  EXPECT_EQ(missing_runs_of(list), (std::vector<MissingRun>{{40, 2}, {9, 0}}));
}

TEST(SrdpCodec, CloseAndDropHaveNoSequenceNumber) {
  EXPECT_FALSE(is_sequenced(type::kClose));
  EXPECT_FALSE(is_sequenced(type::kDrop));
  EXPECT_TRUE(is_sequenced(type::kUtalkData));
  EXPECT_TRUE(is_sequenced(type::kUtalkTopic));
  EXPECT_FALSE(is_sequenced(type::kCurrent));
  const Wire close = encode_packet(std::vector{make_close(Wire{'b', 'y', 'e'})});
  EXPECT_EQ(close, (Wire{1, 0, 0, 0xfe, 0, 0, 0, 11, 'b', 'y', 'e'}));
}

TEST(SrdpCodec, PingReplyEchoesThePayload) {
  const Chunk ping = make_ping(Wire{9, 8, 7});
  const Chunk reply = make_ping_reply(ping);
  EXPECT_EQ(encode_packet(std::vector{reply}), (Wire{1, 0, 0, 0xfd, 0, 0, 0, 11, 9, 8, 7}));
}

TEST(SrdpCodec, UnknownTypesDecodeAsChunks) {
  const Wire wire = {1, 0, 0, 0x33, 0, 0, 0, 9, 0x55, 1, 0, 0, 0x44, 0, 0, 0, 12, 0, 0, 0, 3};
  const auto decoded = decode_packet(wire);
  ASSERT_TRUE(decoded.ok());
  ASSERT_EQ(decoded.chunks.size(), 2U);
  EXPECT_EQ(decoded.chunks[0].body, Wire{0x55});
  EXPECT_EQ(decoded.chunks[1].seq, 3U);
}

TEST(SrdpCodec, MalformedPacketsAreDroppedWhole) {
  EXPECT_EQ(decode_packet(Wire{}).error, PacketError::TooShort);
  EXPECT_EQ(decode_packet(Wire{1, 0, 0, 0xf5, 0, 0, 0}).error, PacketError::TooShort);
  // length 0 (utalk itself would spin on it), below the header, beyond the datagram:
  EXPECT_EQ(decode_packet(Wire{1, 0, 0, 0xf5, 0, 0, 0, 0}).error, PacketError::BadLength);
  EXPECT_EQ(decode_packet(Wire{1, 0, 0, 2, 0, 0, 0, 8, 0, 0, 0, 1}).error, PacketError::BadLength);
  EXPECT_EQ(decode_packet(Wire{1, 0, 0, 0xf5, 0, 0, 0, 9}).error, PacketError::BadLength);
  EXPECT_EQ(decode_packet(Wire{1, 0, 0, 0xf5, 0xff, 0xff, 0xff, 0xff}).error,
            PacketError::BadLength);
  // A good chunk followed by a cut one: nothing is kept.
  const auto cut = decode_packet(Wire{1, 0, 0, 0xf5, 0, 0, 0, 8, 1, 0, 0});
  EXPECT_FALSE(cut.ok());
  EXPECT_TRUE(cut.chunks.empty());
  EXPECT_FALSE(describe(PacketError::BadLength).empty());
}

TEST(SrdpCodec, NumbersNeedFourBytes) {
  Chunk current = make_current(5);
  current.body.resize(3);
  EXPECT_FALSE(number_of(current).has_value());
}

}  // namespace
}  // namespace talk::proto::srdp
