// Hostile datagrams for every decoder: every length 0..200, every value of every byte, random
// bytes. Only the exact size gives a message; nothing crashes or reads outside the buffer.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "protocol/codec.hpp"
#include "sample_datagrams.hpp"

namespace talk::proto {
namespace {

using testing::Wire;

// Decoders reduced to "decode, then re-encode and decode again" for one layout.
struct Layout {
  const char* name;
  std::size_t size;
  Wire (*sample)();
  // Returns whether a message came out; on success checks the round trip property.
  bool (*check)(const Wire& w);
};

template <typename T>
T normalized(T m) {
  if constexpr (requires { m.order; }) m.order = ByteOrder::Big;
  return m;
}

template <typename T, Decoded<T> (*Decode)(Bytes)>
bool check_layout(const Wire& w) {
  const Decoded<T> first = Decode(w);
  if (!first.message) {
    EXPECT_EQ(first.error, DecodeError::WrongLength);
    return false;
  }
  EXPECT_NE(first.error, DecodeError::WrongLength);
  const auto bytes = encode(*first.message);
  const Decoded<T> second = Decode(bytes);
  EXPECT_TRUE(second.message.has_value());
  if (second.message) {
    EXPECT_EQ(normalized(*second.message), normalized(*first.message));
  }
  if constexpr (requires { first.message->l_name; }) {
    // Decoded strings hold no NUL and fit their fields with room for the terminator.
    const std::size_t name_max = std::is_same_v<T, CtlMessage> ? kNameSize - 1 : kOtalkNameSize - 1;
    const T& m = *first.message;
    EXPECT_LE(m.l_name.size(), name_max);
    EXPECT_LE(m.r_name.size(), name_max);
    EXPECT_LE(m.r_tty.size(), kTtySize - 1);
    for (const std::string* s : {&m.l_name, &m.r_name, &m.r_tty}) {
      EXPECT_EQ(s->find('\0'), std::string::npos);
    }
  }
  return true;
}

const Layout kLayouts[] = {
    {"CTL_MSG", 84, testing::sample_ctl_message_wire, check_layout<CtlMessage, decode_ctl_message>},
    {"CTL_RESPONSE", 24, testing::sample_ctl_response_wire,
     check_layout<CtlResponse, decode_ctl_response>},
    {"OCTL_MSG", 76, testing::sample_otalk_message_wire,
     check_layout<OtalkMessage, decode_otalk_message>},
    {"OCTL_RESPONSE", 24, testing::sample_otalk_response_wire,
     check_layout<OtalkResponse, decode_otalk_response>},
};

TEST(HostileInput, OnlyTheExactLengthGivesAMessage) {
  for (const Layout& layout : kLayouts) {
    const Wire sample = layout.sample();
    for (std::size_t len = 0; len <= 200; ++len) {
      for (const int pattern : {0, 1, 2, 3}) {
        // An exact-size heap buffer, so that a sanitizer build catches any read past its end.
        Wire w(len);
        for (std::size_t i = 0; i < len; ++i) {
          switch (pattern) {
            case 0:
              w[i] = sample[i % sample.size()];
              break;
            case 1:
              w[i] = 0;
              break;
            case 2:
              w[i] = 0xff;
              break;
            default:
              w[i] = static_cast<std::uint8_t>('A' + i % 26);
              break;
          }
        }
        const bool decoded = layout.check(w);
        EXPECT_EQ(decoded, len == layout.size) << layout.name << " length " << len;
      }
    }
  }
}

TEST(HostileInput, EmptySpanWithoutStorage) {
  EXPECT_EQ(decode_ctl_message(Bytes{}).error, DecodeError::WrongLength);
  EXPECT_FALSE(decode_ctl_message(Bytes{}).message);
  EXPECT_FALSE(decode_ctl_response(Bytes{}).message);
  EXPECT_FALSE(decode_otalk_message(Bytes{}).message);
  EXPECT_FALSE(decode_otalk_response(Bytes{}).message);
}

TEST(HostileInput, NtalkAndOtalkSizesAreNotConfused) {
  // A 76-byte otalk packet is not an ntalk request and vice versa.
  EXPECT_EQ(decode_ctl_message(testing::sample_otalk_message_wire()).error,
            DecodeError::WrongLength);
  EXPECT_EQ(decode_otalk_message(testing::sample_ctl_message_wire()).error,
            DecodeError::WrongLength);
  EXPECT_EQ(decode_ctl_response(testing::sample_ctl_message_wire()).error,
            DecodeError::WrongLength);
  EXPECT_EQ(decode_otalk_response(testing::sample_otalk_message_wire()).error,
            DecodeError::WrongLength);
}

TEST(HostileInput, EveryValueOfEveryByteRoundTrips) {
  for (const Layout& layout : kLayouts) {
    const Wire sample = layout.sample();
    for (std::size_t off = 0; off < sample.size(); ++off) {
      for (int value = 0; value <= 255; ++value) {
        Wire w = sample;
        w[off] = static_cast<std::uint8_t>(value);
        ASSERT_TRUE(layout.check(w)) << layout.name << " offset " << off << " value " << value;
      }
    }
  }
}

TEST(HostileInput, RandomBytesRoundTrip) {
  std::mt19937 rng(20261121);
  std::uniform_int_distribution<int> byte(0, 255);
  for (const Layout& layout : kLayouts) {
    for (int round = 0; round < 3000; ++round) {
      Wire w(layout.size);
      for (auto& b : w) b = static_cast<std::uint8_t>(byte(rng));
      // Half of the rounds keep the names terminated, to get past the early checks.
      if (round % 2 == 0) {
        const Wire sample = layout.sample();
        for (std::size_t i = 0; i < w.size(); ++i) {
          if (sample[i] == 0) w[i] = 0;
        }
      }
      ASSERT_TRUE(layout.check(w)) << layout.name << " round " << round;
    }
  }
}

}  // namespace
}  // namespace talk::proto
