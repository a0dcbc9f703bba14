// Unit tests of the shared UTF-8 sequence decoder and encoder.
#include "protocol/utf8.hpp"

#include <gtest/gtest.h>

namespace talk::proto {
namespace {

using Kind = Utf8Sequence::Kind;

Utf8Sequence at_front(std::string_view bytes) {
  return decode_utf8_sequence(bytes);
}

TEST(Utf8, DecodesOneSequenceAtTheFront) {
  EXPECT_EQ(at_front("A!").kind, Kind::CodePoint);
  EXPECT_EQ(at_front("A!").code_point, U'A');
  EXPECT_EQ(at_front("A!").length, 1u);
  const Utf8Sequence e = at_front("\xc3\xa9x");
  EXPECT_EQ(e.kind, Kind::CodePoint);
  EXPECT_EQ(e.code_point, U'é');
  EXPECT_EQ(e.length, 2u);
  EXPECT_EQ(at_front("\xe6\x97\xa5").code_point, U'日');
  EXPECT_EQ(at_front("\xf0\x9f\x98\x80").code_point, U'\U0001F600');
  EXPECT_EQ(at_front("\xf4\x8f\xbf\xbf").code_point, char32_t{0x10ffff});
}

TEST(Utf8, AWellFormedStartIsIncomplete) {
  for (const std::string_view start : {"\xc3", "\xe6\x97", "\xf0\x9f\x98", "\xe0\xa0"}) {
    EXPECT_EQ(at_front(start).kind, Kind::Incomplete) << start.size();
  }
}

TEST(Utf8, TableThreeSevenDecidesWhatIsWellFormed) {
  for (const std::string_view bad :
       {"", "\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xe0\x9f\xbf", "\xed\xa0\x80",
        "\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff",
        "\xc3"
        "A",
        "\xe6\x97"
        "A",
        "\xe6"
        "A"}) {
    EXPECT_EQ(at_front(bad).kind, Kind::Invalid) << testing::PrintToString(std::string(bad));
  }
}

TEST(Utf8, EncodesAndReplacesWhatIsNoCharacter) {
  std::string out;
  for (const char32_t cp : {U'A', U'é', U'日', U'\U0001F600'}) append_utf8(out, cp);
  EXPECT_EQ(out, "A\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80");
  out.clear();
  append_utf8(out, 0xd800);
  append_utf8(out, 0x110000);
  EXPECT_EQ(out, "\xef\xbf\xbd\xef\xbf\xbd");
}

}  // namespace
}  // namespace talk::proto
