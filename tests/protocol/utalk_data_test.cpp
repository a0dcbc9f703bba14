// Unit tests: UTALK_DATA and UTALK_TOPIC bodies, the 0xff escapes, and the edits utalk sends.
#include <gtest/gtest.h>

#include <vector>

#include "protocol/utalk_data.hpp"

namespace talk::proto::utalk {
namespace {

using Wire = std::vector<std::uint8_t>;
using Kind = DataOp::Kind;

srdp::Chunk data_chunk(Wire body) {
  srdp::Chunk chunk;
  chunk.type = srdp::type::kUtalkData;
  chunk.level = srdp::kUtalkLevel;
  chunk.body = std::move(body);
  return chunk;
}

TEST(UtalkData, TypedTextAtLineAndColumn) {
  const auto data = decode_data(data_chunk({0, 1, 0, 1, 'a', 'b', 'c', 'd', 'e', 'f'}));
  ASSERT_TRUE(data);
  EXPECT_EQ(data->line, 1);
  EXPECT_EQ(data->column, 1);
  EXPECT_EQ(data->ops, (std::vector<DataOp>{{Kind::Text, "abcdef", 0, 0}}));
}

TEST(UtalkData, EmptyChunkIsACursorMove) {
  const auto data = decode_data(data_chunk({0, 2, 0, 1}));
  ASSERT_TRUE(data);
  EXPECT_EQ(data->line, 2);
  EXPECT_TRUE(data->ops.empty());
  EXPECT_FALSE(decode_data(data_chunk({0, 2, 0})));
}

TEST(UtalkData, EscapesTruncateMoveBeep) {
  const Wire body = {0, 2, 0, 6, 0xff, 0x00, 'X', 0xff, 0x01, 0, 1, 0, 7, 'f', 0xff, 0x07};
  const auto data = decode_data(data_chunk(body));
  ASSERT_TRUE(data);
  const std::vector<DataOp> ops = {{Kind::Truncate, "", 0, 0},
                                   {Kind::Text, "X", 0, 0},
                                   {Kind::Move, "", 1, 7},
                                   {Kind::Text, "f", 0, 0},
                                   {Kind::Beep, "", 0, 0}};
  EXPECT_EQ(data->ops, ops);
  EXPECT_EQ(encode_data(*data).body, body);
}

TEST(UtalkData, DeletedCellsAndLatin1AreText) {
  const auto data = decode_data(data_chunk({0, 1, 0, 3, 0x00, 0xe9, 0xfc}));
  ASSERT_TRUE(data);
  EXPECT_EQ(data->ops, (std::vector<DataOp>{{Kind::Text, std::string("\0\xe9\xfc", 3), 0, 0}}));
}

TEST(UtalkData, CutAndUnknownEscapesAreSkipped) {
  auto data = decode_data(data_chunk({0, 1, 0, 1, 'a', 0xff, 0x42, 'b', 0xff}));
  ASSERT_TRUE(data);
  EXPECT_EQ(data->ops, (std::vector<DataOp>{{Kind::Text, "ab", 0, 0}}));
  data = decode_data(data_chunk({0, 1, 0, 1, 0xff, 0x01, 0, 1, 0}));
  ASSERT_TRUE(data);
  EXPECT_TRUE(data->ops.empty());
}

TEST(UtalkData, EncoderLeavesOutTheEscapeByte) {
  const UtalkData data{3,
                       4,
                       {{Kind::Text,
                         "a\xff"
                         "b",
                         0, 0}}};
  const srdp::Chunk chunk = encode_data(data);
  EXPECT_EQ(chunk.level, 1);
  EXPECT_EQ(chunk.body, (Wire{0, 3, 0, 4, 'a', 'b'}));
  EXPECT_FALSE(can_carry(0xff));
  EXPECT_FALSE(can_carry(0x00));
  EXPECT_TRUE(can_carry(0xe9));
}

TEST(UtalkTopic, TextUpToNulAndLengthLimit) {
  srdp::Chunk chunk = encode_topic("mytopic");
  EXPECT_EQ(chunk.type, srdp::type::kUtalkTopic);
  EXPECT_EQ(chunk.size(), 12U + 7U);
  EXPECT_EQ(decode_topic(chunk), "mytopic");
  chunk.body = {'a', 0, 'b'};
  EXPECT_EQ(decode_topic(chunk), "a");
  EXPECT_EQ(encode_topic(std::string(400, 'x')).body.size(), kMaxTopic);
  chunk.body.assign(288, 'y');  // 300 bytes in all: ignored
  EXPECT_FALSE(decode_topic(chunk));
  chunk.body.assign(287, 'y');
  EXPECT_TRUE(decode_topic(chunk));
}

}  // namespace
}  // namespace talk::proto::utalk
