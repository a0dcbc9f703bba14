// Tests of ytalk out-of-band messages: Import/Export/Accept, flags, window sizes, V2 packets.
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "protocol/ytalk.hpp"
#include "wire_bytes.hpp"

namespace talk::proto::ytalk {
namespace {

using testing::fill;
using testing::put8;
using testing::put_be16;
using testing::put_be32;
using testing::put_text;
using testing::Wire;

/// IMPORT about carol@hc.example, pid 4242, sent by a little-endian ytalk on 10.0.0.3.
Wire import_payload() {
  Wire w(92, 0);
  put8(w, 0, 102);
  put8(w, 4, 3);  // 10.0.0.3 reversed
  put8(w, 7, 10);
  put_be32(w, 8, 4242);
  put_text(w, 12, 16, "carol");
  put_text(w, 28, 64, "hc.example");
  return w;
}

Wire to_wire(const std::vector<std::uint8_t>& v) {
  return Wire(v.begin(), v.end());
}

TEST(YtalkOob, PackFieldsAtTheirOffsets) {
  const OobDecoded d = decode_oob(import_payload());
  ASSERT_TRUE(d.ok());
  const Pack& p = std::get<Pack>(*d.message);
  EXPECT_EQ(p.code, Code::Import);
  EXPECT_EQ(p.filler, (std::array<std::uint8_t, 3>{}));
  EXPECT_EQ(p.host_addr, (std::array<std::uint8_t, 4>{3, 0, 0, 10}));
  EXPECT_EQ(reversed_octets(p.host_addr), (std::array<std::uint8_t, 4>{10, 0, 0, 3}));
  EXPECT_EQ(p.pid, 4242U);
  EXPECT_EQ(p.name, "carol");
  EXPECT_EQ(p.host, "hc.example");
  EXPECT_EQ(to_wire(encode_payload(p)), import_payload());
}

TEST(YtalkOob, EveryPackCodeRoundTrips) {
  for (const unsigned code : {101U, 102U, 103U}) {
    Wire w = import_payload();
    put8(w, 0, code);
    const OobDecoded d = decode_oob(w);
    ASSERT_TRUE(d.ok()) << code;
    EXPECT_EQ(static_cast<unsigned>(std::get<Pack>(*d.message).code), code);
    EXPECT_EQ(to_wire(encode_payload(*d.message)), w);
  }
}

TEST(YtalkOob, FullNameAndHostFieldsHaveNoTerminator) {
  Wire w = import_payload();
  fill(w, 12, 16, 'n');
  fill(w, 28, 64, 'h');
  const Pack p = std::get<Pack>(*decode_oob(w).message);
  EXPECT_EQ(p.name, std::string(16, 'n'));
  EXPECT_EQ(p.host, std::string(64, 'h'));
  EXPECT_EQ(to_wire(encode_payload(p)), w);
}

TEST(YtalkOob, LongNamesAreCutToTheField) {
  Pack p;
  p.name = std::string(40, 'x');
  p.host = std::string(100, 'y');
  const Wire w = to_wire(encode_payload(p));
  ASSERT_EQ(w.size(), kPackSize);
  EXPECT_EQ(w[27], 'x');
  EXPECT_EQ(w[91], 'y');
}

TEST(YtalkOob, FlagsMessages) {
  Wire w(8, 0);
  put8(w, 0, 111);
  put_be32(w, 4, kFlagRaw | kFlagScroll | kFlagLocked);
  const OobDecoded d = decode_oob(w);
  ASSERT_TRUE(d.ok());
  const Flags& f = std::get<Flags>(*d.message);
  EXPECT_EQ(f.code, Code::LockFlags);
  EXPECT_EQ(f.flags, 0x40000003U);
  EXPECT_EQ(to_wire(encode_payload(f)), w);
  put8(w, 0, 112);
  EXPECT_EQ(std::get<Flags>(*decode_oob(w).message).code, Code::UnlockFlags);
}

TEST(YtalkOob, WindowSizeMessages) {
  for (const unsigned code : {121U, 122U, 123U}) {
    Wire w(8, 0);
    put8(w, 0, code);
    put_be16(w, 4, 0x0117);
    put_be16(w, 6, 0x0084);
    const OobDecoded d = decode_oob(w);
    ASSERT_TRUE(d.ok()) << code;
    const Winch& win = std::get<Winch>(*d.message);
    EXPECT_EQ(static_cast<unsigned>(win.code), code);
    EXPECT_EQ(win.rows, 0x0117);
    EXPECT_EQ(win.cols, 0x0084);
    EXPECT_EQ(to_wire(encode_payload(win)), w);
  }
}

TEST(YtalkOob, FramingPrefixesMarkerAndLength) {
  const Winch mine{Code::MyWindow, {}, 24, 80};
  EXPECT_EQ(to_wire(frame(mine)), (Wire{0xFD, 0x08, 122, 0, 0, 0, 0, 24, 0, 80}));
  const Wire framed = to_wire(frame(*decode_oob(import_payload()).message));
  ASSERT_EQ(framed.size(), 94U);
  EXPECT_EQ(framed[0], 0xFD);
  EXPECT_EQ(framed[1], 0x5C);
  EXPECT_EQ(Wire(framed.begin() + 2, framed.end()), import_payload());
}

TEST(YtalkOob, UnknownCodesAreKeptNotRejected) {
  const Wire w{200, 1, 2, 3};
  const OobDecoded d = decode_oob(w);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(std::get<UnknownPacket>(*d.message).payload, w);
  EXPECT_EQ(to_wire(frame(*d.message)), (Wire{0xFD, 4, 200, 1, 2, 3}));
}

TEST(YtalkOob, KnownCodesWithWrongSizesAreErrors) {
  EXPECT_EQ(decode_oob(Wire{}).error, OobError::Empty);
  for (const unsigned code : {101U, 102U, 103U, 111U, 112U, 121U, 122U, 123U}) {
    for (const std::size_t size : {1U, 7U, 9U, 91U, 93U}) {
      Wire w(size, 0);
      put8(w, 0, code);
      const OobDecoded d = decode_oob(w);
      EXPECT_EQ(d.error, OobError::WrongLength) << code << " " << size;
      EXPECT_FALSE(d.message.has_value());
    }
  }
}

TEST(YtalkOob, V2AutoPacketLayout) {
  Wire w(78, 0);
  put8(w, 0, 133);
  put_text(w, 2, 12, "alice");
  put_text(w, 14, 64, "ha");
  const auto p = decode_v2_pack(w);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->code, kV2Auto);
  EXPECT_EQ(p->name, "alice");
  EXPECT_EQ(p->host, "ha");
  const auto bytes = encode(*p);
  EXPECT_EQ(Wire(bytes.begin(), bytes.end()), w);
  EXPECT_FALSE(decode_v2_pack(Wire(77, 0)).has_value());
}

}  // namespace
}  // namespace talk::proto::ytalk
