// Tests of the otalk OCTL_RESPONSE codec: 24-byte replies in network and little-endian order.
#include <gtest/gtest.h>

#include "protocol/codec.hpp"
#include "sample_datagrams.hpp"

namespace talk::proto {
namespace {

using testing::put8;
using testing::put_be16;
using testing::put_le32;
using testing::Wire;

Decoded<OtalkResponse> decode(const Wire& w) {
  return decode_otalk_response(w);
}
Wire to_wire(const OtalkResponse& r) {
  const auto bytes = encode(r);
  return Wire(bytes.begin(), bytes.end());
}

TEST(OtalkResponseDecode, NetworkOrderFieldsAtTheirOffsets) {
  const auto d = decode(testing::sample_otalk_response_wire());
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.error, DecodeError::None);
  EXPECT_EQ(d.message->type, RequestType::LookUp);
  EXPECT_EQ(d.message->answer, Answer::Success);
  EXPECT_EQ(d.message->id_num, 0x01020304U);
  EXPECT_EQ(d.message->addr, make_inet_addr(0xc0a80a14, 0x1234));
  EXPECT_EQ(d.message->order, ByteOrder::Big);
  EXPECT_EQ(*d.message, testing::sample_otalk_response());
}

TEST(OtalkResponseDecode, LittleEndianSenderIsUnderstood) {
  const auto d = decode(testing::sample_otalk_response_wire_little());
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.error, DecodeError::None);
  EXPECT_EQ(d.message->order, ByteOrder::Little);
  EXPECT_EQ(d.message->id_num, 0x01020304U);
  EXPECT_EQ(d.message->addr.family, 2);
  EXPECT_EQ(d.message->addr.port, 0x1234);
  EXPECT_EQ(d.message->addr.ipv4, 0xc0a80a14U);
  OtalkResponse expected = testing::sample_otalk_response();
  expected.order = ByteOrder::Little;
  EXPECT_EQ(*d.message, expected);
  EXPECT_EQ(to_wire(*d.message), testing::sample_otalk_response_wire());
}

TEST(OtalkResponseDecode, LittleEndianLargeId) {
  Wire w = testing::sample_otalk_response_wire_little();
  put_le32(w, 4, 0x80000001);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.message->order, ByteOrder::Little);
  EXPECT_EQ(d.message->id_num, 0x80000001U);
}

TEST(OtalkResponseDecode, EveryByteButTheFillerMatters) {
  const Wire base = testing::sample_otalk_response_wire();
  const OtalkResponse expected = testing::sample_otalk_response();
  for (std::size_t off = 0; off < 24; ++off) {
    Wire w = base;
    w[off] ^= 0x41;
    const auto d = decode(w);
    ASSERT_TRUE(d.message) << off;
    if (off == 2 || off == 3) {
      EXPECT_EQ(*d.message, expected) << "filler byte " << off << " changed the message";
      EXPECT_TRUE(d.ok());
    } else {
      EXPECT_NE(*d.message, expected) << "byte " << off << " was not read";
    }
  }
}

TEST(OtalkResponseDecode, EveryAnswerByteIsKept) {
  for (int answer = 0; answer <= 255; ++answer) {
    Wire w = testing::sample_otalk_response_wire();
    put8(w, 1, static_cast<std::uint32_t>(answer));
    const auto d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(d.error, DecodeError::None) << answer;
    EXPECT_EQ(static_cast<int>(d.message->answer), answer);
    EXPECT_EQ(to_wire(*d.message), w);
  }
}

TEST(OtalkResponseDecode, KnownTypesAndUnknownTypes) {
  for (int type = 0; type <= 255; ++type) {
    Wire w = testing::sample_otalk_response_wire();
    put8(w, 0, static_cast<std::uint32_t>(type));
    const auto d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(static_cast<int>(d.message->type), type);
    EXPECT_EQ(d.error, type <= 3 ? DecodeError::None : DecodeError::UnknownType) << type;
  }
}

TEST(OtalkResponseEncode, MatchesTheHandLaidBytesWithZeroFiller) {
  EXPECT_EQ(to_wire(testing::sample_otalk_response()), testing::sample_otalk_response_wire());
  Wire w = testing::sample_otalk_response_wire();
  put8(w, 2, 0xab);
  put8(w, 3, 0xcd);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_EQ(to_wire(*d.message), testing::sample_otalk_response_wire());
}

TEST(OtalkResponseEncode, NumbersAreNetworkOrder) {
  OtalkResponse r;
  r.type = RequestType::Announce;
  r.answer = Answer::PermissionDenied;
  r.id_num = 0x00000102;
  r.addr = make_inet_addr(0x01020304, 517);
  Wire expected(24, 0);
  put8(expected, 0, 3);
  put8(expected, 1, 4);
  testing::put_be32(expected, 4, 0x102);
  put_be16(expected, 8, 2);
  put_be16(expected, 10, 517);
  testing::put_be32(expected, 12, 0x01020304);
  EXPECT_EQ(to_wire(r), expected);
}

}  // namespace
}  // namespace talk::proto
