// Tests of the otalk OCTL_MSG codec: 76-byte datagrams in network and in little-endian order.
#include <gtest/gtest.h>

#include <string>

#include "protocol/codec.hpp"
#include "sample_datagrams.hpp"

namespace talk::proto {
namespace {

using testing::fill;
using testing::put8;
using testing::put_addr;
using testing::put_be16;
using testing::put_le16;
using testing::put_le32;
using testing::put_text;
using testing::Wire;

Decoded<OtalkMessage> decode(const Wire& w) {
  return decode_otalk_message(w);
}
Wire to_wire(const OtalkMessage& m) {
  const auto bytes = encode(m);
  return Wire(bytes.begin(), bytes.end());
}

struct NameField {
  const char* name;
  std::size_t offset;
  std::size_t size;
  std::string OtalkMessage::*member;
};
const NameField kNameFields[] = {
    {"l_name", 1, 9, &OtalkMessage::l_name},
    {"r_name", 10, 9, &OtalkMessage::r_name},
    {"r_tty", 28, 16, &OtalkMessage::r_tty},
};

TEST(OtalkMessageDecode, NetworkOrderFieldsAtTheirOffsets) {
  const auto d = decode(testing::sample_otalk_message_wire());
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.error, DecodeError::None);
  const OtalkMessage& m = *d.message;
  EXPECT_EQ(m.type, RequestType::LeaveInvite);
  EXPECT_EQ(m.l_name, "carol");
  EXPECT_EQ(m.r_name, "dave");
  EXPECT_EQ(m.filler, 0);
  EXPECT_EQ(m.id_num, 0x01020304U);
  EXPECT_EQ(m.pid, 0x0a0b0c0d);
  EXPECT_EQ(m.r_tty, "tty3");
  EXPECT_EQ(m.addr, make_inet_addr(0xc0a80a14, 0x1234));
  EXPECT_EQ(m.ctl_addr, make_inet_addr(0x7f000001, 0x5678));
  EXPECT_EQ(m.order, ByteOrder::Big);
  EXPECT_EQ(m, testing::sample_otalk_message());
}

TEST(OtalkMessageDecode, LittleEndianSenderIsUnderstood) {
  const auto d = decode(testing::sample_otalk_message_wire_little());
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.error, DecodeError::None);
  OtalkMessage expected = testing::sample_otalk_message();
  expected.order = ByteOrder::Little;
  EXPECT_EQ(d.message->order, ByteOrder::Little);
  EXPECT_EQ(d.message->id_num, 0x01020304U);
  EXPECT_EQ(d.message->pid, 0x0a0b0c0d);
  EXPECT_EQ(d.message->addr.family, 2);
  EXPECT_EQ(d.message->ctl_addr.family, 2);
  // Port and address stay in network order on every host.
  EXPECT_EQ(d.message->addr.port, 0x1234);
  EXPECT_EQ(d.message->addr.ipv4, 0xc0a80a14U);
  EXPECT_EQ(d.message->ctl_addr.port, 0x5678);
  EXPECT_EQ(d.message->ctl_addr.ipv4, 0x7f000001U);
  EXPECT_EQ(*d.message, expected);
  // Encoding always writes network order.
  EXPECT_EQ(to_wire(*d.message), testing::sample_otalk_message_wire());
}

TEST(OtalkMessageDecode, LittleEndianNegativePidAndLargeId) {
  Wire w = testing::sample_otalk_message_wire_little();
  put_le32(w, 20, 0xfedcba98);
  put_le32(w, 24, 0xffffff00);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.message->order, ByteOrder::Little);
  EXPECT_EQ(d.message->id_num, 0xfedcba98U);
  EXPECT_EQ(d.message->pid, -256);
}

TEST(OtalkMessageDecode, EveryByteOutsideStringPaddingMatters) {
  const Wire base = testing::sample_otalk_message_wire();
  const OtalkMessage expected = testing::sample_otalk_message();
  for (std::size_t off = 0; off < 76; ++off) {
    Wire w = base;
    w[off] ^= 0x21;
    const auto d = decode(w);
    ASSERT_TRUE(d.message) << off;
    bool padding = false;
    for (const auto& f : kNameFields) {
      const std::size_t used = (expected.*f.member).size();
      padding = padding || (off > f.offset + used && off < f.offset + f.size);
    }
    if (padding) {
      EXPECT_EQ(*d.message, expected) << "byte after a name's NUL changed the message: " << off;
    } else {
      EXPECT_NE(*d.message, expected) << "byte " << off << " was not read";
    }
  }
}

TEST(OtalkMessageDecode, FillerAndTrailingAddrBytesAreKept) {
  Wire w = testing::sample_otalk_message_wire();
  put8(w, 19, 0x99);
  put_addr(w, 44, 2, 0x1234, 0xc0a80a14, 0x11);
  put_addr(w, 60, 2, 0x5678, 0x7f000001, 0x22);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.message->filler, 0x99);
  EXPECT_EQ(d.message->addr.zero[7], 0x11);
  EXPECT_EQ(d.message->ctl_addr.zero[0], 0x22);
  EXPECT_EQ(to_wire(*d.message), w);
}

TEST(OtalkMessageDecode, NineByteNames) {
  Wire w = testing::sample_otalk_message_wire();
  put_text(w, 1, 9, "abcdefgh");
  put_text(w, 10, 9, "ABCDEFGH");
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.message->l_name, "abcdefgh");
  EXPECT_EQ(d.message->r_name, "ABCDEFGH");
  EXPECT_EQ(to_wire(*d.message), w);
}

TEST(OtalkMessageDecode, UnterminatedFieldsAreCutAndReported) {
  for (const auto& f : kNameFields) {
    Wire w = testing::sample_otalk_message_wire();
    fill(w, f.offset, f.size, 'A');
    const auto d = decode(w);
    ASSERT_TRUE(d.message) << f.name;
    EXPECT_EQ(d.error, DecodeError::UnterminatedName) << f.name;
    EXPECT_EQ((*d.message).*f.member, std::string(f.size - 1, 'A')) << f.name;
    EXPECT_EQ(d.message->id_num, testing::kSampleId) << f.name;
  }
}

TEST(OtalkMessageDecode, NonPrintableNameBytesAreReported) {
  for (const auto& f : kNameFields) {
    for (const int bad : {0x01, 0x08, 0x1b, 0x7f, 0x85, 0xe9, 0xff}) {
      Wire w = testing::sample_otalk_message_wire();
      const std::string name = std::string("x") + static_cast<char>(bad);
      put_text(w, f.offset, f.size, name);
      const auto d = decode(w);
      ASSERT_TRUE(d.message);
      EXPECT_EQ(d.error, DecodeError::NonPrintableName) << f.name << " byte " << bad;
      EXPECT_EQ((*d.message).*f.member, name);
    }
  }
}

TEST(OtalkMessageDecode, EveryRequestType) {
  for (int type = 0; type <= 255; ++type) {
    for (const bool little : {false, true}) {
      Wire w = little ? testing::sample_otalk_message_wire_little()
                      : testing::sample_otalk_message_wire();
      put8(w, 0, static_cast<std::uint32_t>(type));
      const auto d = decode(w);
      ASSERT_TRUE(d.message) << type;
      EXPECT_EQ(static_cast<int>(d.message->type), type);
      EXPECT_EQ(d.error, type <= 3 ? DecodeError::None : DecodeError::UnknownType) << type;
    }
  }
}

TEST(OtalkMessageDecode, UnsetAddrIsTolerated) {
  // Unlike ntalk, an otalk addr left all-zero (family 00 00) is accepted in either order: the
  // old clients fill it only for the requests that need it.
  for (const bool little : {false, true}) {
    Wire w =
        little ? testing::sample_otalk_message_wire_little() : testing::sample_otalk_message_wire();
    put_addr(w, 44, 0, 0, 0);
    const auto d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(d.error, DecodeError::None);
    EXPECT_EQ(d.message->addr, TalkAddr{});
    EXPECT_EQ(d.message->order, little ? ByteOrder::Little : ByteOrder::Big);
  }
}

TEST(OtalkMessageDecode, WrongAddrFamilies) {
  for (const std::uint32_t family : {0x000aU, 0x0101U, 0x0300U, 0xffffU}) {
    Wire w = testing::sample_otalk_message_wire();
    put_be16(w, 44, family);
    auto d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(d.error, DecodeError::BadAddrFamily) << family;
    EXPECT_EQ(d.message->addr.family, family);

    w = testing::sample_otalk_message_wire_little();
    put_le16(w, 44, family);
    d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(d.message->order, ByteOrder::Little);
    EXPECT_EQ(d.error, DecodeError::BadAddrFamily) << family;
    EXPECT_EQ(d.message->addr.family, family);

    w = testing::sample_otalk_message_wire();
    put_be16(w, 60, family);
    d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(d.error, DecodeError::BadCtlAddrFamily) << family;
    EXPECT_EQ(d.message->id_num, testing::kSampleId);
  }
}

TEST(OtalkMessageDecode, UnsetCtlAddrIsRejected) {
  Wire w = testing::sample_otalk_message_wire();
  put_addr(w, 60, 0, 0, 0);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.error, DecodeError::BadCtlAddrFamily);
}

TEST(OtalkMessageDecode, FirstFailingCheckInEnumOrderIsReported) {
  Wire w = testing::sample_otalk_message_wire();
  put_text(w, 1, 9, "\x02");
  EXPECT_EQ(decode(w).error, DecodeError::NonPrintableName);
  fill(w, 10, 9, 'r');
  EXPECT_EQ(decode(w).error, DecodeError::UnterminatedName);
  put8(w, 0, 7);
  EXPECT_EQ(decode(w).error, DecodeError::UnknownType);
  put_be16(w, 60, 0);
  EXPECT_EQ(decode(w).error, DecodeError::BadCtlAddrFamily);
  put_be16(w, 44, 10);
  EXPECT_EQ(decode(w).error, DecodeError::BadAddrFamily);
}

TEST(OtalkMessageEncode, MatchesTheHandLaidBytes) {
  EXPECT_EQ(to_wire(testing::sample_otalk_message()), testing::sample_otalk_message_wire());
  OtalkMessage little = testing::sample_otalk_message();
  little.order = ByteOrder::Little;  // ignored: encoding always writes network order
  EXPECT_EQ(to_wire(little), testing::sample_otalk_message_wire());
}

TEST(OtalkMessageEncode, LongNamesAreCutToEightBytes) {
  OtalkMessage m = testing::sample_otalk_message();
  m.l_name = "longername";
  m.r_name = "123456789";
  m.r_tty = "pts/123456789012345";
  Wire expected = testing::sample_otalk_message_wire();
  put_text(expected, 1, 9, "longerna");
  put_text(expected, 10, 9, "12345678");
  put_text(expected, 28, 16, "pts/12345678901");
  EXPECT_EQ(to_wire(m), expected);
}

}  // namespace
}  // namespace talk::proto
