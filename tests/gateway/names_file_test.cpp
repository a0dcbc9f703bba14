// The names file: what is accepted, what is left out and why, and the merge with the site's.
#include "gateway/names_file.hpp"

#include <gtest/gtest.h>

namespace talk::gateway {
namespace {

TEST(NamesFile, ReadsPairsCommentsAndBlankLines) {
  const ParsedNames parsed = parse_names(
      "# contacts\n\ncarol-x carol@Example.org\n  dave\t dave@jabber.example  # work\r\n");
  ASSERT_EQ(parsed.entries.size(), 2U);
  EXPECT_TRUE(parsed.errors.empty());
  EXPECT_EQ(parsed.entries[0].name, "carol-x");
  EXPECT_EQ(parsed.entries[0].jid.bare(), "carol@example.org");
  EXPECT_EQ(parsed.entries[1].name, "dave");
  EXPECT_EQ(parsed.entries[1].jid.bare(), "dave@jabber.example");
}

TEST(NamesFile, LeavesOutBadLinesWithTheirNumber) {
  const ParsedNames parsed = parse_names(
      "twelve-bytes carol@example.org\n"  // too long for talk
      "-dash carol@example.org\n"
      "ok\n"
      "full carol@example.org/phone\n"
      "bad name@\n"
      "sp@ce carol@example.org\n"
      "good carol@example.org\n"
      "again carol@example.org\n"
      "good dave@example.org\n");
  ASSERT_EQ(parsed.entries.size(), 1U);
  EXPECT_EQ(parsed.entries[0].name, "good");
  ASSERT_EQ(parsed.errors.size(), 8U);
  EXPECT_EQ(parsed.errors[0].rfind("line 1: ", 0), 0U);
  EXPECT_EQ(parsed.errors[7].rfind("line 9: ", 0), 0U);
}

TEST(NamesFile, ShortNamesFitTalkNames) {
  EXPECT_TRUE(is_short_name("a"));
  EXPECT_TRUE(is_short_name("alice.x_1+b"));
  EXPECT_FALSE(is_short_name(""));
  EXPECT_FALSE(is_short_name("abcdefghijkl"));
  EXPECT_FALSE(is_short_name(".hidden"));
  EXPECT_FALSE(is_short_name("a b"));
  EXPECT_FALSE(is_short_name("caf\xc3\xa9"));
}

TEST(NamesFile, BoundsTheNumberOfEntries) {
  std::string text;
  for (int i = 0; i < 1100; ++i) {
    text += "n" + std::to_string(i) + " u" + std::to_string(i) + "@example.org\n";
  }
  const ParsedNames parsed = parse_names(text);
  EXPECT_EQ(parsed.entries.size(), 1000U);
  EXPECT_FALSE(parsed.errors.empty());
}

TEST(NameBook, TheUsersNamesComeFirstThenTheSites) {
  const auto own = parse_names("carol-x carol@example.org\n").entries;
  const auto site = parse_names(
                        "carol-x other@example.org\nhelp help@example.org\n"
                        "carol carol@example.org\n")
                        .entries;
  const NameBook book(own, site);
  ASSERT_EQ(book.entries().size(), 2U);
  EXPECT_EQ(book.jid_for("carol-x")->bare(), "carol@example.org");
  EXPECT_EQ(book.jid_for("help")->bare(), "help@example.org");
  EXPECT_FALSE(book.jid_for("carol"));
  EXPECT_EQ(book.name_for("carol@EXAMPLE.org/phone"), "carol-x");
  EXPECT_FALSE(book.name_for("other@example.org"));
  EXPECT_FALSE(book.name_for("not a jid"));
}

}  // namespace
}  // namespace talk::gateway
