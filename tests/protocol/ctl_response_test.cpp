// Tests of the ntalk CTL_RESPONSE codec against hand-laid 24-byte datagrams.
#include <gtest/gtest.h>

#include "protocol/codec.hpp"
#include "sample_datagrams.hpp"

namespace talk::proto {
namespace {

using testing::put8;
using testing::put_addr;
using testing::put_be16;
using testing::put_be32;
using testing::Wire;

Decoded<CtlResponse> decode(const Wire& w) {
  return decode_ctl_response(w);
}
Wire to_wire(const CtlResponse& r) {
  const auto bytes = encode(r);
  return Wire(bytes.begin(), bytes.end());
}

TEST(CtlResponseDecode, EveryFieldAtItsOffsetAndOrder) {
  const auto d = decode(testing::sample_ctl_response_wire());
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.error, DecodeError::None);
  const CtlResponse& r = *d.message;
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.type, RequestType::LookUp);
  EXPECT_EQ(r.answer, Answer::Success);
  EXPECT_EQ(r.pad, 0);
  EXPECT_EQ(r.id_num, 0x01020304U);
  EXPECT_EQ(r.addr.family, 2);
  EXPECT_EQ(r.addr.port, 0x1234);
  EXPECT_EQ(r.addr.ipv4, 0xc0a80a14U);
  EXPECT_EQ(r, testing::sample_ctl_response());
}

TEST(CtlResponseDecode, EveryByteMatters) {
  const Wire base = testing::sample_ctl_response_wire();
  const CtlResponse expected = testing::sample_ctl_response();
  for (std::size_t off = 0; off < 24; ++off) {
    Wire w = base;
    w[off] ^= 0x41;
    const auto d = decode(w);
    ASSERT_TRUE(d.message) << off;
    EXPECT_NE(*d.message, expected) << "byte " << off << " was not read";
    EXPECT_EQ(to_wire(*d.message), w) << off;
  }
}

TEST(CtlResponseDecode, EveryAnswerByteIsKept) {
  for (int answer = 0; answer <= 255; ++answer) {
    Wire w = testing::sample_ctl_response_wire();
    put8(w, 2, static_cast<std::uint32_t>(answer));
    const auto d = decode(w);
    ASSERT_TRUE(d.message) << answer;
    EXPECT_EQ(d.error, DecodeError::None) << answer;
    EXPECT_EQ(static_cast<int>(d.message->answer), answer);
    EXPECT_EQ(to_wire(*d.message), w);
  }
}

TEST(CtlResponseDecode, KnownTypesAndUnknownTypes) {
  for (int type = 0; type <= 255; ++type) {
    Wire w = testing::sample_ctl_response_wire();
    put8(w, 1, static_cast<std::uint32_t>(type));
    const auto d = decode(w);
    ASSERT_TRUE(d.message) << type;
    EXPECT_EQ(static_cast<int>(d.message->type), type);
    EXPECT_EQ(d.error, type <= 3 ? DecodeError::None : DecodeError::UnknownType) << type;
  }
}

TEST(CtlResponseDecode, BadVersionKeepsTheMessage) {
  Wire w = testing::sample_ctl_response_wire();
  put8(w, 0, 0);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.error, DecodeError::BadVersion);
  EXPECT_EQ(d.message->version, 0);
  EXPECT_EQ(d.message->id_num, testing::kSampleId);
}

TEST(CtlResponseDecode, StaleBytesOfOldDaemonsAreKeptAsTheyAre) {
  // An OpenBSD-style DELETE reply: sa_family 0, then the client's own port and address.
  Wire w = testing::sample_ctl_response_wire();
  put8(w, 1, 2);     // DELETE
  put8(w, 3, 0x7c);  // stale pad
  put_addr(w, 8, 0, 0x9abc, 0x7f000001, 0x5a);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.message->type, RequestType::Delete);
  EXPECT_EQ(d.message->pad, 0x7c);
  EXPECT_EQ(d.message->addr.family, 0);
  EXPECT_EQ(d.message->addr.port, 0x9abc);
  EXPECT_EQ(d.message->addr.ipv4, 0x7f000001U);
  EXPECT_EQ(d.message->addr.zero,
            (std::array<std::uint8_t, 8>{0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a}));
  EXPECT_EQ(to_wire(*d.message), w);
}

TEST(CtlResponseEncode, MatchesTheHandLaidBytes) {
  EXPECT_EQ(to_wire(testing::sample_ctl_response()), testing::sample_ctl_response_wire());
}

TEST(CtlResponseEncode, LeaveInviteReplyAsANewDaemonSendsIt) {
  CtlResponse r;
  r.type = RequestType::LeaveInvite;
  r.answer = Answer::Success;
  r.id_num = 15999;
  Wire expected(24, 0);
  put8(expected, 0, 1);
  put_be32(expected, 4, 15999);
  EXPECT_EQ(to_wire(r), expected);
}

TEST(CtlResponseEncode, NumbersAreBigEndian) {
  CtlResponse r = testing::sample_ctl_response();
  r.id_num = 0xa1b2c3d4;
  r.addr = make_inet_addr(0x0a000102, 0x0203);
  const Wire w = to_wire(r);
  Wire expected = testing::sample_ctl_response_wire();
  put_be32(expected, 4, 0xa1b2c3d4);
  put_be16(expected, 10, 0x0203);
  put_be32(expected, 12, 0x0a000102);
  EXPECT_EQ(w, expected);
  ASSERT_TRUE(decode(w).message);
  EXPECT_EQ(*decode(w).message, r);
}

}  // namespace
}  // namespace talk::proto
