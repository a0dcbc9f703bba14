// Tests of the terminal sanitizer: every single byte, UTF-8 kept or escaped, hostile sequences.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "protocol/sanitize.hpp"
#include "sanitize_checks.hpp"

namespace talk::proto {
namespace {

using testing::c_unescape;
using testing::terminal_safety_problem;

constexpr Utf8Policy kPolicies[] = {Utf8Policy::Keep, Utf8Policy::Escape};

std::string octal(unsigned b) {
  std::string s = "\\";
  s += static_cast<char>('0' + ((b >> 6) & 7U));
  s += static_cast<char>('0' + ((b >> 3) & 7U));
  s += static_cast<char>('0' + (b & 7U));
  return s;
}

// The expected escape of one byte standing alone (a lone byte >= 0x80 is never valid UTF-8).
std::string expected_single(unsigned b) {
  switch (b) {
    case 0:
      return "\\0";
    case '\a':
      return "\\a";
    case '\b':
      return "\\b";
    case '\t':
      return "\\t";
    case '\n':
      return "\\n";
    case '\v':
      return "\\v";
    case '\f':
      return "\\f";
    case '\r':
      return "\\r";
    case '\\':
      return "\\\\";
    default:
      break;
  }
  if (b >= 0x20 && b < 0x7f) return std::string(1, static_cast<char>(b));
  return octal(b);
}

std::string esc_all(std::string_view bytes) {
  std::string s;
  for (const char c : bytes) s += octal(static_cast<unsigned char>(c));
  return s;
}

void expect_safe_and_reversible(std::string_view in, Utf8Policy policy) {
  const std::string out = sanitize_for_terminal(in, policy);
  EXPECT_EQ(terminal_safety_problem(out, policy), "") << "output: " << out;
  const auto back = c_unescape(out);
  ASSERT_TRUE(back.has_value()) << "malformed escape in: " << out;
  EXPECT_EQ(*back, std::string(in)) << "output was: " << out;
}

TEST(Sanitize, EverySingleByte) {
  for (unsigned b = 0; b <= 255; ++b) {
    const std::string in(1, static_cast<char>(b));
    for (const auto policy : kPolicies) {
      EXPECT_EQ(sanitize_for_terminal(in, policy), expected_single(b)) << "byte " << b;
      expect_safe_and_reversible(in, policy);
    }
  }
}

TEST(Sanitize, PlainTextAndBackslash) {
  EXPECT_EQ(sanitize_for_terminal(""), "");
  EXPECT_EQ(sanitize_for_terminal("Hello, world! ~{}"), "Hello, world! ~{}");
  EXPECT_EQ(sanitize_for_terminal("a\\b"), "a\\\\b");
  EXPECT_EQ(sanitize_for_terminal("\\\\"), "\\\\\\\\");
  EXPECT_EQ(sanitize_for_terminal("\x1b[2J\x1b]0;pwned\a"), "\\033[2J\\033]0;pwned\\a");
  EXPECT_EQ(sanitize_for_terminal("line\r\nnext\ttab"), "line\\r\\nnext\\ttab");
  EXPECT_EQ(sanitize_for_terminal(std::string_view("a\0b", 3)), "a\\0b");
}

TEST(Sanitize, NulBeforeAnOctalDigitStaysUnambiguous) {
  // As strvis(3) does: "\0" followed by "1" would read back as \01, so NUL becomes \000.
  EXPECT_EQ(sanitize_for_terminal(std::string{'\0', '1'}), "\\0001");
  EXPECT_EQ(sanitize_for_terminal(std::string{'\0', '8'}), "\\08");
  EXPECT_EQ(sanitize_for_terminal(std::string{'\0', '\0'}), "\\0\\0");
  for (const char digit : {'0', '1', '7', '8'}) {
    const std::string in = std::string(1, '\0') + digit;
    expect_safe_and_reversible(in, Utf8Policy::Keep);
  }
  expect_safe_and_reversible(std::string{'\x01', '7', '\x7f', '0', '\0', '0', '0'},
                             Utf8Policy::Keep);
}

TEST(Sanitize, ValidMultibyteUtf8IsKept) {
  for (const char* text : {"\xc3\xa9", "caf\xc3\xa9", "\xe2\x82\xac 5", "\xe6\x97\xa5\xe6\x9c\xac",
                           "\xf0\x9f\x98\x80", "\xc2\xa0", "\xef\xbf\xbd", "\xf4\x8f\xbf\xbd",
                           "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"}) {
    EXPECT_EQ(sanitize_for_terminal(text, Utf8Policy::Keep), text);
    EXPECT_EQ(sanitize_for_terminal(text), text) << "Keep is the default";
    expect_safe_and_reversible(text, Utf8Policy::Keep);
  }
}

TEST(Sanitize, EscapePolicyEscapesEveryHighByte) {
  EXPECT_EQ(sanitize_for_terminal("caf\xc3\xa9", Utf8Policy::Escape), "caf\\303\\251");
  EXPECT_EQ(sanitize_for_terminal("\xf0\x9f\x98\x80!", Utf8Policy::Escape),
            "\\360\\237\\230\\200!");
  for (unsigned b = 0x80; b <= 0xff; ++b) {
    const std::string in = std::string("\xe2\x82") + static_cast<char>(b);
    expect_safe_and_reversible(in, Utf8Policy::Escape);
  }
}

TEST(Sanitize, C1ControlsAreEscaped) {
  for (unsigned second = 0x80; second <= 0x9f; ++second) {
    const std::string in = std::string("\xc2") + static_cast<char>(second);
    for (const auto policy : kPolicies) {
      EXPECT_EQ(sanitize_for_terminal(in, policy), "\\302" + octal(second)) << second;
    }
  }
  EXPECT_EQ(sanitize_for_terminal("\xc2\x9f\xc2\xa0"), "\\302\\237\xc2\xa0");
}

TEST(Sanitize, MalformedUtf8IsEscapedByteByByte) {
  for (const char* bad : {
           "\xc0\x80", "\xc1\xbf",                  // overlong 2-byte
           "\xe0\x80\x80", "\xe0\x9f\xbf",          // overlong 3-byte
           "\xf0\x80\x80\x80", "\xf0\x8f\xbf\xbf",  // overlong 4-byte
           "\xed\xa0\x80", "\xed\xbf\xbf",          // UTF-16 surrogates
           "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",  // beyond U+10FFFF
           "\xf8\x88\x80\x80\x80", "\xfe", "\xff",  // never valid
           "\x80", "\xbf\x80",                      // lone continuation bytes
           "\xc3", "\xe2\x82", "\xf0\x9f\x98",      // truncated at the end
       }) {
    EXPECT_EQ(sanitize_for_terminal(bad, Utf8Policy::Keep), esc_all(bad)) << esc_all(bad);
    expect_safe_and_reversible(bad, Utf8Policy::Keep);
  }
}

TEST(Sanitize, TruncatedSequenceDoesNotSwallowTheNextCharacter) {
  EXPECT_EQ(sanitize_for_terminal("\xe2\x82"
                                  "A"),
            "\\342\\202A");
  EXPECT_EQ(sanitize_for_terminal("\xf0\x9f\x98\n"), "\\360\\237\\230\\n");
  EXPECT_EQ(sanitize_for_terminal("\xe2\x82\xe2\x82\xac"), "\\342\\202\xe2\x82\xac");
  EXPECT_EQ(sanitize_for_terminal("\xc3\xc3\xa9"), "\\303\xc3\xa9");
}

TEST(Sanitize, EveryTwoByteInputIsSafeAndReversible) {
  for (unsigned a = 0; a <= 255; ++a) {
    for (unsigned b = 0; b <= 255; ++b) {
      const std::string in{static_cast<char>(a), static_cast<char>(b)};
      for (const auto policy : kPolicies) {
        const std::string out = sanitize_for_terminal(in, policy);
        ASSERT_EQ(terminal_safety_problem(out, policy), "") << a << " " << b;
        ASSERT_EQ(c_unescape(out), in) << a << " " << b << " -> " << out;
      }
    }
  }
}

TEST(Sanitize, RandomBytesAreSafeAndReversible) {
  std::mt19937 rng(518);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 64);
  for (int round = 0; round < 20000; ++round) {
    std::string in(static_cast<std::size_t>(length(rng)), '\0');
    for (auto& c : in) c = static_cast<char>(byte(rng));
    // Bias towards UTF-8 lead and continuation bytes.
    if (round % 2 == 0) {
      for (auto& c : in) c = static_cast<char>(0x80 | (static_cast<unsigned char>(c) & 0x7f));
    }
    for (const auto policy : kPolicies) {
      const std::string out = sanitize_for_terminal(in, policy);
      ASSERT_EQ(terminal_safety_problem(out, policy), "") << round;
      ASSERT_EQ(c_unescape(out), in) << round;
    }
  }
}

TEST(PrintableName, OnlyVisibleAsciiIsAllowed) {
  for (unsigned b = 0; b <= 255; ++b) {
    const std::string name = std::string("ab") + static_cast<char>(b) + "c";
    EXPECT_EQ(is_printable_name(name), b >= 0x21 && b <= 0x7e) << b;
  }
  EXPECT_TRUE(is_printable_name("root"));
  EXPECT_TRUE(is_printable_name("pts/12"));
  EXPECT_TRUE(is_printable_name(""));
  EXPECT_FALSE(is_printable_name("j doe"));
  EXPECT_FALSE(is_printable_name("caf\xc3\xa9"));
}

}  // namespace
}  // namespace talk::proto
