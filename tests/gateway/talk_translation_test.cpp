// Talk bytes to chat edits with the peer's own edit characters, and chat text back to bytes a
// classic screen shows safely.
#include "gateway/talk_translation.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace talk::gateway {
namespace {

std::vector<TalkEdit> feed(TalkInput& input, std::string_view bytes) {
  return input.feed(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
}

using Kind = TalkEdit::Kind;

TEST(TalkInput, TextAndTheEditCharactersTheyAnnounced) {
  TalkInput input;
  input.set_edit_chars(0x08, 0x15, 0x17);  // ^H, ^U, ^W
  const auto edits = feed(input,
                          "helo\x08"
                          "lo wor\x17"
                          "world\x15"
                          "again\r\n");
  const std::vector<TalkEdit> want{
      {Kind::Text, "helo"},  {Kind::Erase, ""},     {Kind::Text, "lo wor"},
      {Kind::WordErase, ""}, {Kind::Text, "world"}, {Kind::Kill, ""},
      {Kind::Text, "again"}, {Kind::Newline, ""},   {Kind::Newline, ""}};
  EXPECT_EQ(edits, want);
}

TEST(TalkInput, DelIsTextWhenItIsNoEditCharacterAndControlsAreDropped) {
  TalkInput input;
  input.set_edit_chars(0x08, 0x15, 0x17);
  const auto edits = feed(input, "a\x1b[2Jb\x7f\tc\x07");
  ASSERT_EQ(edits.size(), 1U);
  EXPECT_EQ(edits[0].text, "a[2Jb c");
}

TEST(TalkInput, EightBitBytesStayForTheChatToDecode) {
  TalkInput input;
  const auto edits = feed(input, "caf\xc3\xa9");
  ASSERT_EQ(edits.size(), 1U);
  EXPECT_EQ(edits[0].text, "caf\xc3\xa9");
}

TEST(TalkSafeBytes, AsciiScreensGetOneQuestionMarkPerCodePoint) {
  // An edit in the middle of a line arrives as erases and the retyped tail; non-ASCII letters
  // count one each, so the erases still match what the screen shows.
  EXPECT_EQ(talk_safe_bytes("caf\xc3\xa9\x7f\x7f"
                            "fe\n",
                            false),
            "caf?\x7f\x7f"
            "fe\n");
  EXPECT_EQ(talk_safe_bytes("caf\xc3\xa9", true), "caf\xc3\xa9");
}

TEST(TalkSafeBytes, NoControlReachesTheScreen) {
  EXPECT_EQ(talk_safe_bytes("a\x1b[2J\xc2\x9b"
                            "1m\tb\r",
                            false),
            "a[2J1mb");
  EXPECT_EQ(talk_safe_bytes("a\xc2\x9b"
                            "b",
                            true),
            "ab");
  EXPECT_EQ(talk_safe_bytes("\xff\xfe", false), "??");
}

TEST(TalkNotice, PrintableAsciiOnly) {
  EXPECT_EQ(talk_notice("[talk] bye\x1b[0m \xc3\xa9"), "[talk] bye?[0m ??");
}

}  // namespace
}  // namespace talk::gateway
