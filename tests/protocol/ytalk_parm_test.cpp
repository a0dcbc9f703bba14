// Tests of the ytalk parameter block: every field at its offset, protocol check, version gates.
#include <gtest/gtest.h>

#include "protocol/ytalk.hpp"
#include "wire_bytes.hpp"

namespace talk::proto::ytalk {
namespace {

using testing::put8;
using testing::put_be16;
using testing::put_be32;
using testing::Wire;

/// A block as ytalk 3.3.0 sends it, laid out by hand: 24x80 window, 11x80 for the receiver.
Wire sample_block() {
  Wire w(64, 0);
  put8(w, 2, 27);
  put_be16(w, 4, 3);
  put_be16(w, 6, 3);
  put_be16(w, 8, 24);
  put_be16(w, 10, 80);
  put_be16(w, 12, 11);
  put_be16(w, 14, 80);
  put_be32(w, 16, 0x00012345);
  return w;
}

TEST(YtalkParm, DecodesEveryFieldAtItsOffset) {
  Wire w = sample_block();
  put8(w, 0, 0x18);
  put8(w, 1, 0x50);
  const ParmDecoded d = decode_parm(w);
  ASSERT_TRUE(d.ok());
  const Parm& p = *d.parm;
  EXPECT_EQ(p.w_rows, 0x18);
  EXPECT_EQ(p.w_cols, 0x50);
  EXPECT_EQ(p.protocol, kProtocolNew);
  EXPECT_EQ(p.pad1, 0);
  EXPECT_EQ(p.vmajor, 3);
  EXPECT_EQ(p.vminor, 3);
  EXPECT_EQ(p.rows, 24);
  EXPECT_EQ(p.cols, 80);
  EXPECT_EQ(p.my_rows, 11);
  EXPECT_EQ(p.my_cols, 80);
  EXPECT_EQ(p.pid, 0x00012345U);
  for (const auto byte : p.pad) EXPECT_EQ(byte, 0);
}

TEST(YtalkParm, MultiByteFieldsAreBigEndian) {
  Wire w(64, 0);
  put8(w, 2, 27);
  for (std::size_t i = 4; i < 20; ++i) put8(w, i, i);
  const Parm p = *decode_parm(w).parm;
  EXPECT_EQ(p.vmajor, 0x0405);
  EXPECT_EQ(p.vminor, 0x0607);
  EXPECT_EQ(p.rows, 0x0809);
  EXPECT_EQ(p.cols, 0x0a0b);
  EXPECT_EQ(p.my_rows, 0x0c0d);
  EXPECT_EQ(p.my_cols, 0x0e0f);
  EXPECT_EQ(p.pid, 0x10111213U);
}

TEST(YtalkParm, EncodesExactBytes) {
  Parm p;
  p.rows = 24;
  p.cols = 80;
  p.my_rows = 11;
  p.my_cols = 80;
  p.pid = 0x00012345;
  const auto bytes = encode(p);
  EXPECT_EQ(Wire(bytes.begin(), bytes.end()), sample_block());
}

TEST(YtalkParm, PaddingIsKeptForAByteExactRoundTrip) {
  Wire w = sample_block();
  put8(w, 3, 0x55);
  put8(w, 20, 0xaa);
  put8(w, 63, 0x01);
  const ParmDecoded d = decode_parm(w);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d.parm->pad1, 0x55);
  EXPECT_EQ(d.parm->pad[0], 0xaa);
  EXPECT_EQ(d.parm->pad[43], 0x01);
  const auto bytes = encode(*d.parm);
  EXPECT_EQ(Wire(bytes.begin(), bytes.end()), w);
}

TEST(YtalkParm, WrongLengthHasNoBlock) {
  for (const std::size_t size : {0U, 20U, 63U, 65U, 128U}) {
    const ParmDecoded d = decode_parm(Wire(size, 0));
    EXPECT_EQ(d.error, ParmError::WrongLength) << size;
    EXPECT_FALSE(d.parm.has_value());
  }
}

TEST(YtalkParm, OnlyProtocols20And27AreSupported) {
  for (unsigned protocol = 0; protocol < 256; ++protocol) {
    Wire w = sample_block();
    put8(w, 2, protocol);
    const ParmDecoded d = decode_parm(w);
    ASSERT_TRUE(d.parm.has_value());
    const bool known = protocol == 20U || protocol == 27U;
    EXPECT_EQ(d.ok(), known) << protocol;
    if (!known) {
      EXPECT_EQ(d.error, ParmError::UnsupportedProtocol);
    }
  }
}

TEST(YtalkParm, VersionGates) {
  Parm p;
  p.vmajor = 3;
  p.vminor = 1;
  EXPECT_TRUE(speaks_oob(p));
  EXPECT_FALSE(wants_crlf(p));
  p.vminor = 2;
  EXPECT_TRUE(wants_crlf(p));
  p.vmajor = 4;
  p.vminor = 0;
  EXPECT_TRUE(speaks_oob(p));
  EXPECT_TRUE(wants_crlf(p));
  p.vmajor = 2;
  EXPECT_FALSE(speaks_oob(p));
  EXPECT_FALSE(wants_crlf(p));
  p.vmajor = 3;
  p.protocol = kProtocolOld;
  EXPECT_FALSE(speaks_oob(p));
  EXPECT_FALSE(wants_crlf(p));
}

TEST(YtalkParm, EraseMarkerIdentifiesYtalk) {
  EXPECT_TRUE(is_ytalk_erase(0xFE));
  EXPECT_FALSE(is_ytalk_erase(0x7F));
  EXPECT_FALSE(is_ytalk_erase(0x08));
}

}  // namespace
}  // namespace talk::proto::ytalk
