// Tests of the ntalk CTL_MSG codec against hand-laid 84-byte datagrams.
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
using testing::put_be32;
using testing::put_le16;
using testing::put_text;
using testing::Wire;

Decoded<CtlMessage> decode(const Wire& w) {
  return decode_ctl_message(w);
}
Wire to_wire(const CtlMessage& m) {
  const auto bytes = encode(m);
  return Wire(bytes.begin(), bytes.end());
}

struct NameField {
  const char* name;
  std::size_t offset;
  std::size_t size;
  std::string CtlMessage::*member;
};
const NameField kNameFields[] = {
    {"l_name", 44, 12, &CtlMessage::l_name},
    {"r_name", 56, 12, &CtlMessage::r_name},
    {"r_tty", 68, 16, &CtlMessage::r_tty},
};

TEST(CtlMessageDecode, EveryFieldAtItsOffsetAndOrder) {
  const auto d = decode(testing::sample_ctl_message_wire());
  ASSERT_TRUE(d.message.has_value());
  EXPECT_EQ(d.error, DecodeError::None);
  EXPECT_TRUE(d.ok());
  const CtlMessage& m = *d.message;
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(m.type, RequestType::Announce);
  EXPECT_EQ(m.answer, 0);
  EXPECT_EQ(m.pad, 0);
  EXPECT_EQ(m.id_num, 0x01020304U);
  EXPECT_EQ(m.addr.family, 2);
  EXPECT_EQ(m.addr.port, 0x1234);
  EXPECT_EQ(m.addr.ipv4, 0xc0a80a14U);
  EXPECT_EQ(m.addr.zero, (std::array<std::uint8_t, 8>{}));
  EXPECT_EQ(m.ctl_addr.family, 2);
  EXPECT_EQ(m.ctl_addr.port, 0x5678);
  EXPECT_EQ(m.ctl_addr.ipv4, 0x7f000001U);
  EXPECT_EQ(m.pid, 0x0a0b0c0d);
  EXPECT_EQ(m.l_name, "alice");
  EXPECT_EQ(m.r_name, "bob");
  EXPECT_EQ(m.r_tty, "pts/7");
  EXPECT_EQ(m, testing::sample_ctl_message());
}

TEST(CtlMessageDecode, HighBitNumbersAndNegativePid) {
  Wire w = testing::sample_ctl_message_wire();
  put_be32(w, 4, 0xdeadbeef);
  put_addr(w, 8, 2, 0xfffe, 0xffffffff);
  put_addr(w, 24, 2, 0x8001, 0x80000001);
  put_be32(w, 40, 0xfffffffe);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.message->id_num, 0xdeadbeefU);
  EXPECT_EQ(d.message->addr.port, 0xfffe);
  EXPECT_EQ(d.message->addr.ipv4, 0xffffffffU);
  EXPECT_EQ(d.message->ctl_addr.port, 0x8001);
  EXPECT_EQ(d.message->ctl_addr.ipv4, 0x80000001U);
  EXPECT_EQ(d.message->pid, -2);
  EXPECT_EQ(to_wire(*d.message), w);
}

TEST(CtlMessageDecode, AnswerPadAndTrailingAddrBytesAreKept) {
  Wire w = testing::sample_ctl_message_wire();
  put8(w, 2, 0x55);
  put8(w, 3, 0xaa);
  for (std::size_t i = 0; i < 8; ++i) {
    put8(w, 16 + i, 0x10 + i);
    put8(w, 32 + i, 0x20 + i);
  }
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.message->answer, 0x55);
  EXPECT_EQ(d.message->pad, 0xaa);
  EXPECT_EQ(d.message->addr.zero,
            (std::array<std::uint8_t, 8>{0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17}));
  EXPECT_EQ(d.message->ctl_addr.zero,
            (std::array<std::uint8_t, 8>{0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27}));
  EXPECT_EQ(to_wire(*d.message), w);
}

TEST(CtlMessageDecode, EveryByteOutsideStringPaddingMatters) {
  const Wire base = testing::sample_ctl_message_wire();
  const CtlMessage expected = *decode(base).message;
  for (std::size_t off = 0; off < 84; ++off) {
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
      EXPECT_TRUE(d.ok()) << off;
    } else {
      EXPECT_NE(*d.message, expected) << "byte " << off << " was not read";
    }
  }
}

TEST(CtlMessageDecode, FullLengthNamesAreAccepted) {
  Wire w = testing::sample_ctl_message_wire();
  put_text(w, 44, 12, "abcdefghijk");
  put_text(w, 56, 12, "ABCDEFGHIJK");
  put_text(w, 68, 16, "pts/01234567890");
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.error, DecodeError::None);
  EXPECT_EQ(d.message->l_name, "abcdefghijk");
  EXPECT_EQ(d.message->r_name, "ABCDEFGHIJK");
  EXPECT_EQ(d.message->r_tty, "pts/01234567890");
  EXPECT_EQ(to_wire(*d.message), w);
}

TEST(CtlMessageDecode, EmptyNamesAndTtyAreValid) {
  Wire w = testing::sample_ctl_message_wire();
  put_text(w, 68, 16, "");
  auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.message->r_tty, "");
}

TEST(CtlMessageDecode, UnterminatedFieldsAreCutAndReported) {
  for (const auto& f : kNameFields) {
    Wire w = testing::sample_ctl_message_wire();
    fill(w, f.offset, f.size, 'A');
    const auto d = decode(w);
    ASSERT_TRUE(d.message) << f.name;
    EXPECT_EQ(d.error, DecodeError::UnterminatedName) << f.name;
    EXPECT_EQ((*d.message).*f.member, std::string(f.size - 1, 'A')) << f.name;
    // The other fields are still decoded.
    EXPECT_EQ(d.message->id_num, testing::kSampleId);
    EXPECT_EQ(d.message->pid, testing::kSamplePid);
  }
}

TEST(CtlMessageDecode, NonPrintableNameBytesAreReported) {
  for (const auto& f : kNameFields) {
    for (const int bad : {0x01, 0x07, 0x0a, 0x1b, 0x7f, 0x80, 0x9b, 0xc3, 0xff}) {
      Wire w = testing::sample_ctl_message_wire();
      const std::string name = std::string("ab") + static_cast<char>(bad) + "cd";
      put_text(w, f.offset, f.size, name);
      const auto d = decode(w);
      ASSERT_TRUE(d.message) << f.name;
      EXPECT_EQ(d.error, DecodeError::NonPrintableName) << f.name << " byte " << bad;
      EXPECT_EQ((*d.message).*f.member, name) << f.name;
    }
  }
}

TEST(CtlMessageDecode, BadVersion) {
  for (const int vers : {0, 2, 3, 0x80, 0xff}) {
    Wire w = testing::sample_ctl_message_wire();
    put8(w, 0, static_cast<std::uint32_t>(vers));
    const auto d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(d.error, DecodeError::BadVersion) << vers;
    EXPECT_EQ(d.message->version, vers);
    EXPECT_EQ(d.message->type, RequestType::Announce);
    EXPECT_EQ(d.message->id_num, testing::kSampleId);
  }
}

TEST(CtlMessageDecode, WrongAddrFamilies) {
  // 0, a little-endian AF_INET (02 00), AF_INET6 (10), 0xffff.
  for (const std::uint32_t family : {0x0000U, 0x0200U, 0x000aU, 0xffffU}) {
    Wire w = testing::sample_ctl_message_wire();
    put_be16(w, 8, family);
    auto d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(d.error, DecodeError::BadAddrFamily) << family;
    EXPECT_EQ(d.message->addr.family, family);
    EXPECT_EQ(d.message->addr.port, testing::kSampleAddrPort);

    w = testing::sample_ctl_message_wire();
    put_be16(w, 24, family);
    d = decode(w);
    ASSERT_TRUE(d.message);
    EXPECT_EQ(d.error, DecodeError::BadCtlAddrFamily) << family;
    EXPECT_EQ(d.message->ctl_addr.family, family);
    EXPECT_EQ(d.message->ctl_addr.ipv4, testing::kSampleCtlIp);
  }
}

TEST(CtlMessageDecode, EveryRequestType) {
  for (int type = 0; type <= 255; ++type) {
    Wire w = testing::sample_ctl_message_wire();
    put8(w, 1, static_cast<std::uint32_t>(type));
    const auto d = decode(w);
    ASSERT_TRUE(d.message) << type;
    EXPECT_EQ(static_cast<int>(d.message->type), type);
    EXPECT_EQ(d.error, type <= 3 ? DecodeError::None : DecodeError::UnknownType) << type;
  }
}

TEST(CtlMessageDecode, FirstFailingCheckInEnumOrderIsReported) {
  Wire w = testing::sample_ctl_message_wire();
  fill(w, 44, 12, 0x01);  // unterminated and non-printable l_name
  EXPECT_EQ(decode(w).error, DecodeError::UnterminatedName);
  put_text(w, 44, 12, "x\x01");  // l_name non-printable, r_tty unterminated
  fill(w, 68, 16, 'T');
  EXPECT_EQ(decode(w).error, DecodeError::UnterminatedName);
  put8(w, 1, 9);
  EXPECT_EQ(decode(w).error, DecodeError::UnknownType);
  put_le16(w, 24, 2);
  EXPECT_EQ(decode(w).error, DecodeError::BadCtlAddrFamily);
  put_be16(w, 8, 0);
  EXPECT_EQ(decode(w).error, DecodeError::BadAddrFamily);
  put8(w, 0, 0);
  const auto d = decode(w);
  EXPECT_EQ(d.error, DecodeError::BadVersion);
  ASSERT_TRUE(d.message);
  EXPECT_EQ(d.message->l_name, "x\x01");
  EXPECT_EQ(d.message->r_tty, std::string(15, 'T'));
}

TEST(CtlMessageEncode, MatchesTheHandLaidBytes) {
  EXPECT_EQ(to_wire(testing::sample_ctl_message()), testing::sample_ctl_message_wire());
}

TEST(CtlMessageEncode, LongStringsAreCutToStayTerminated) {
  CtlMessage m = testing::sample_ctl_message();
  m.l_name = "averyveryverylongname";
  m.r_name = "123456789012";
  m.r_tty = "pts/123456789012345678";
  const Wire w = to_wire(m);
  Wire expected = testing::sample_ctl_message_wire();
  put_text(expected, 44, 12, "averyveryve");
  put_text(expected, 56, 12, "12345678901");
  put_text(expected, 68, 16, "pts/12345678901");
  EXPECT_EQ(w, expected);
  const auto d = decode(w);
  ASSERT_TRUE(d.message);
  EXPECT_TRUE(d.ok());
  EXPECT_EQ(d.message->l_name, "averyveryve");
}

TEST(CtlMessageEncode, RoundTripsEveryType) {
  for (int type = 0; type <= 255; type += 17) {
    CtlMessage m = testing::sample_ctl_message();
    m.type = static_cast<RequestType>(type);
    m.id_num = static_cast<std::uint32_t>(type) * 0x01010101U;
    m.pid = -type;
    const auto d = decode(to_wire(m));
    ASSERT_TRUE(d.message);
    EXPECT_EQ(*d.message, m) << type;
  }
}

}  // namespace
}  // namespace talk::proto
