// Unit tests: the pane, the byte interpretation and the split-screen frame.
#include <gtest/gtest.h>

#include <clocale>
#include <string>

#include "talk/screen_model.hpp"
#include "talk/text_feeder.hpp"

namespace talk::client {
namespace {

class ScreenModelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) GTEST_SKIP() << "no C.UTF-8 locale";
  }
  static int feed(TextFeeder& feeder, std::string_view bytes) {
    return feeder.feed({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
  }
  static std::vector<std::string> rows(const Pane& pane, int width, int height) {
    int r = 0;
    int c = 0;
    std::vector<std::string> out;
    for (auto& row : pane.visible_rows(width, height, r, c)) out.push_back(row.text);
    return out;
  }
};

TEST_F(ScreenModelTest, CrAndLfEndLines) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder, "one\rtwo\nthree");
  ASSERT_EQ(pane.line_count(), 3u);
  EXPECT_EQ(pane.line_text(0), "one");
  EXPECT_EQ(pane.line_text(2), "three");
}

TEST_F(ScreenModelTest, WrapsLongLinesAtTheWidth) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder, "abcdefghij");
  EXPECT_EQ(rows(pane, 4, 10), (std::vector<std::string>{"abcd", "efgh", "ij"}));
}

TEST_F(ScreenModelTest, ScrollsAndScrollsBack) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder, "1\n2\n3\n4\n5");
  EXPECT_EQ(rows(pane, 10, 2), (std::vector<std::string>{"4", "5"}));
  pane.scroll(2, 10, 2);
  EXPECT_EQ(rows(pane, 10, 2), (std::vector<std::string>{"2", "3"}));
  pane.scroll(100, 10, 2);
  EXPECT_EQ(rows(pane, 10, 2), (std::vector<std::string>{"1", "2"}));
  int r = 0;
  int c = 0;
  pane.visible_rows(10, 2, r, c);
  EXPECT_EQ(r, -1) << "no cursor while scrolled back";
  pane.scroll(-100, 10, 2);
  EXPECT_EQ(rows(pane, 10, 2), (std::vector<std::string>{"4", "5"}));
}

TEST_F(ScreenModelTest, HistoryIsBounded) {
  Pane pane(3);
  TextFeeder feeder(pane, true, true);
  feed(feeder, "a\nb\nc\nd\ne");
  EXPECT_EQ(pane.line_count(), 3u);
  EXPECT_EQ(pane.line_text(0), "c");
}

TEST_F(ScreenModelTest, EraseRemovesWholeMultibyteAndWideCharacters) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder, "h\xc3\xa9\xe6\x97\xa5");  // hé日
  EXPECT_EQ(pane.current_line_width(), 4);
  feed(feeder, "\x7f");
  EXPECT_EQ(pane.line_text(0), "h\xc3\xa9");
  feed(feeder, "\x08");
  EXPECT_EQ(pane.line_text(0), "h");
}

TEST_F(ScreenModelTest, WideCharactersWrapWhole) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder, "a\xe6\x97\xa5\xe6\x9c\xac");  // a日本: 5 columns
  EXPECT_EQ(rows(pane, 4, 5), (std::vector<std::string>{"a\xe6\x97\xa5", "\xe6\x9c\xac"}));
}

TEST_F(ScreenModelTest, PeerEditCharsAndClassicKeys) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feeder.set_edit_chars({'#', '@', 0x01});
  feed(feeder, "abc#");
  EXPECT_EQ(pane.line_text(0), "ab");
  feed(feeder, " word\x01");
  EXPECT_EQ(pane.line_text(0), "ab ");
  feed(feeder, "more words\x17");
  EXPECT_EQ(pane.line_text(0), "ab more ");
  feed(feeder, "x\xfe");  // ytalk's erase
  EXPECT_EQ(pane.line_text(0), "ab more ");
  feed(feeder, "@");
  EXPECT_EQ(pane.line_text(0), "");
  feed(feeder, "zz\x15");
  EXPECT_EQ(pane.line_text(0), "");
}

TEST_F(ScreenModelTest, WithoutClassicKeysOnlyTheGivenEditCharsEdit) {
  Pane pane;
  TextFeeder feeder(pane, true, false);
  feeder.set_edit_chars({0x08, 0x15, 0x17});
  feed(feeder, "ab\x7f");
  EXPECT_EQ(pane.line_text(0), "ab^?");
}

TEST_F(ScreenModelTest, ControlBytesUseCaretNotationAndBellsAreCounted) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  EXPECT_EQ(feed(feeder, "a\x01\x1b[2J\a"), 1);
  EXPECT_EQ(pane.line_text(0), "a^A^[[2J");
  EXPECT_EQ(pane.current_line_width(), 8);
}

TEST_F(ScreenModelTest, C1AndInvalidBytesNeverReachTheTerminal) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder,
       "\xc2\x9b"
       "31m");  // U+009B, a C1 CSI
  EXPECT_EQ(pane.line_text(0),
            "\xef\xbf\xbd"
            "31m");
  pane.kill_line();
  feed(feeder, "caf\xe9!");  // Latin-1 e-acute, then ASCII: stays in sync
  EXPECT_EQ(pane.line_text(0), "caf\xc3\xa9!");
  pane.kill_line();
  feed(feeder,
       "\xe6\x97"
       "ok");  // a truncated sequence
  EXPECT_EQ(pane.line_text(0),
            "\xc3\xa6\xef\xbf\xbd"
            "ok");
  pane.kill_line();
  feed(feeder,
       "\xe2\x80\xae"
       "x");  // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(pane.line_text(0),
            "\xef\xbf\xbd"
            "x");
}

TEST_F(ScreenModelTest, SequencesSplitAcrossReadsDecode) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder, "\xe2");
  feed(feeder, "\x9c");
  feed(feeder, "\x93");
  EXPECT_EQ(pane.line_text(0), "\xe2\x9c\x93");
}

TEST_F(ScreenModelTest, NonUtf8LocaleEscapesHighBytes) {
  Pane pane;
  TextFeeder feeder(pane, false, true);
  feed(feeder, "\xc3\xa9");
  EXPECT_EQ(pane.line_text(0), "\\xc3\\xa9");
}

TEST_F(ScreenModelTest, CombiningMarksJoinTheirBase) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder, "e\xcc\x81x");  // e + COMBINING ACUTE
  EXPECT_EQ(pane.current_line_width(), 2);
  feed(feeder, "\x7f\x7f");
  EXPECT_EQ(pane.line_text(0), "");
}

TEST_F(ScreenModelTest, TabsExpandToStopsOfEight) {
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feed(feeder, "ab\tc");
  EXPECT_EQ(pane.line_text(0), "ab      c");
}

TEST_F(ScreenModelTest, YtalkVersionLineLeavesAnEmptyLine) {
  // ytalk opens with ^C ^H "<user> <port> YTALK <version> <system>" KILL '\n'.
  Pane pane;
  TextFeeder feeder(pane, true, true);
  feeder.set_edit_chars({kYtalkErase, 0x15, 0x17});
  feed(feeder,
       "\x03\x08"
       "bob 1234 YTALK 4.0.0 Linux\x15\n"
       "hi");
  ASSERT_EQ(pane.line_count(), 2u);
  EXPECT_EQ(pane.line_text(0), "");
  EXPECT_EQ(pane.line_text(1), "hi");
}

TEST_F(ScreenModelTest, FrameLayoutAndStatus) {
  ScreenModel model(9, 20);
  TextFeeder mine(model.mine(), true, false);
  TextFeeder peer(model.peer(), true, true);
  feed(mine, "hello");
  feed(peer, "hi there");
  model.set_status("Connection established");
  const Frame f = model.frame();
  ASSERT_EQ(f.lines.size(), 9u);
  EXPECT_EQ(model.my_height(), 4);
  EXPECT_EQ(model.peer_height(), 4);
  EXPECT_EQ(f.lines[0].text, "hello");
  EXPECT_TRUE(f.lines[4].separator);
  EXPECT_EQ(f.lines[4].text, "[Connection establis");
  EXPECT_EQ(f.lines[5].text, "hi there");
  EXPECT_EQ(f.cursor_row, 0);
  EXPECT_EQ(f.cursor_col, 5);
}

TEST_F(ScreenModelTest, ResizeRewrapsBothHalvesKeepingText) {
  ScreenModel model(10, 40);
  TextFeeder mine(model.mine(), true, false);
  TextFeeder peer(model.peer(), true, true);
  feed(mine, "the quick brown fox jumps");
  feed(peer,
       "h\xc3\xa9llo w\xc3\xb6rld \xe2\x80\x94 \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
  model.resize(10, 10);
  Frame f = model.frame();
  EXPECT_EQ(f.lines[0].text, "the quick ");
  EXPECT_EQ(f.lines[1].text, "brown fox ");
  EXPECT_EQ(f.lines[2].text, "jumps");
  std::string peer_text;
  for (int i = 6; i < 10; ++i) peer_text += f.lines[static_cast<std::size_t>(i)].text;
  EXPECT_EQ(
      peer_text,
      "h\xc3\xa9llo w\xc3\xb6rld \xe2\x80\x94 \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e");
  for (int i = 0; i < 30; ++i) model.resize(3 + i % 7, 1 + i % 13);
  model.resize(10, 40);
  f = model.frame();
  EXPECT_EQ(f.lines[0].text, "the quick brown fox jumps");
}

TEST_F(ScreenModelTest, ScrollIndicatorsOnTheSeparator) {
  ScreenModel model(5, 30);
  TextFeeder peer(model.peer(), true, true);
  feed(peer, "1\n2\n3\n4\n5\n6");
  model.scroll_peer(1);
  EXPECT_NE(model.frame().lines[2].text.find("[lower scroll]"), std::string::npos);
  model.scroll_peer(-10);
  EXPECT_EQ(model.frame().lines[2].text.find("[lower scroll]"), std::string::npos);
}

}  // namespace
}  // namespace talk::client
