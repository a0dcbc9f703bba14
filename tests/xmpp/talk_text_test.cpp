// Unit tests of talk_text: what a peer's XMPP text becomes on a talk pane.
#include <gtest/gtest.h>

#include "xmpp/talk_text.hpp"
#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

TEST(TalkText, ControlsAndFormatCharactersAreReplacedOneForOne) {
  const std::u32string text = U"a\x1b[2Jb\u009bc\u202ed\te\nf\u00e9";
  const std::u32string shown = displayable(text);
  EXPECT_EQ(shown.size(), text.size());
  EXPECT_EQ(shown, std::u32string(U"a\ufffd[2Jb\ufffdc\ufffdd e f\u00e9"));
}

TEST(TalkText, ChangeErasesBackToTheCommonPrefixThenTypes) {
  EXPECT_EQ(talk_bytes_for_change(U"hello", U"help!", 0x7f), "\x7f\x7fp!");
  EXPECT_EQ(talk_bytes_for_change(U"", U"日本", 0x7f), "日本");
  EXPECT_EQ(talk_bytes_for_change(U"日本", U"日", 0x08), "\x08");
  EXPECT_EQ(talk_bytes_for_change(U"same", U"same", 0x7f), "");
  EXPECT_EQ(talk_bytes_for_change(U"", U"\x15kill", 0x7f), "\xef\xbf\xbdkill")
      << "an edit character from the peer is never passed on";
}

TEST(TalkText, MessageLinesEachEndWithANewline) {
  EXPECT_EQ(talk_bytes_for_message("one\r\ntwo\x1b]0;x\x07\n\n"),
            "one\ntwo\xef\xbf\xbd]0;x\xef\xbf\xbd\n");
  EXPECT_EQ(talk_bytes_for_message(""), "\n");
}

TEST(Utf8, DecodeRejectsOverlongSurrogatesAndTruncated) {
  EXPECT_EQ(decode_utf8("\xc0\xaf"), std::u32string(U"\ufffd\ufffd"));
  EXPECT_EQ(decode_utf8("\xed\xa0\x80"), std::u32string(U"\ufffd\ufffd\ufffd"));
  EXPECT_EQ(decode_utf8("\xe6\x97"), std::u32string(U"\ufffd\ufffd"));
  EXPECT_EQ(decode_utf8("\xf0\x9f\x98\x80"), std::u32string(U"\U0001f600"));
  EXPECT_EQ(encode_utf8(std::u32string(1, char32_t{0xd800})), "\xef\xbf\xbd");
}

TEST(Utf8, PrefixNeverSplitsASequence) {
  EXPECT_EQ(utf8_prefix("aé", 2), "a");
  EXPECT_EQ(utf8_prefix("aé", 3), "aé");
  EXPECT_EQ(utf8_prefix("日", 1), "");
}

}  // namespace
}  // namespace talk::xmpp
