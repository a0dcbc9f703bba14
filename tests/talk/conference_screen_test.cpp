// Unit tests of the conference screen: the stacked windows and their titles, the minimum of
// three rows per window with the status row saying who does not fit, and the menu's keys.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "talk/conference_layout.hpp"
#include "talk/conference_menu.hpp"

namespace talk::client {
namespace {

std::vector<std::uint8_t> bytes(const std::string& s) {
  return {s.begin(), s.end()};
}

Pane pane_with(const std::string& line) {
  Pane pane;
  for (const char c : line) pane.add_glyph({std::string(1, c), 1});
  return pane;
}

TEST(ConferenceLayout, StacksWindowsMineFirstWithTitles) {
  const Pane mine = pane_with("mine");
  const Pane bob = pane_with("from bob");
  const Pane carol = pane_with("from carol");
  const ConferenceLayout layout;
  const Frame f =
      layout.frame({{"me@h", &mine}, {"bob@h", &bob}, {"carol@h", &carol}}, "ok", 24, 80);
  ASSERT_EQ(f.lines.size(), 24U);
  // (24 - 1) / 3 = 7 rows a slot; the last window takes the rest.
  EXPECT_EQ(f.lines[0].text, "= me@h =");
  EXPECT_TRUE(f.lines[0].separator);
  EXPECT_EQ(f.lines[1].text, "mine");
  EXPECT_EQ(f.lines[7].text, "= bob@h =");
  EXPECT_EQ(f.lines[8].text, "from bob");
  EXPECT_EQ(f.lines[14].text, "= carol@h =");
  EXPECT_EQ(f.lines[15].text, "from carol");
  EXPECT_EQ(f.lines[23].text, "[ok]");
  EXPECT_EQ(f.cursor_row, 1);
  EXPECT_EQ(f.cursor_col, 4);
}

TEST(ConferenceLayout, TooManyForTheHeightIsSaidNotHidden) {
  const Pane p = pane_with("x");
  std::vector<LayoutWindow> windows(5, {"someone@h", &p});
  EXPECT_EQ(ConferenceLayout::fitting(5, 10), 3);  // 9 rows: three windows of three
  const Frame f = ConferenceLayout().frame(windows, "", 10, 80);
  EXPECT_EQ(f.lines[9].text, "[2 windows do not fit: make the terminal taller]");
  EXPECT_EQ(f.lines[6].text, "= someone@h =");
  EXPECT_EQ(ConferenceLayout::fitting(2, 6), 1);
  EXPECT_EQ(ConferenceLayout().frame(windows, "", 6, 80).lines[5].text,
            "[4 windows do not fit: make the terminal taller]");
}

TEST(ConferenceLayout, RewrapsToTheWidth) {
  const Pane mine = pane_with("abcdefghij");
  const Frame f = ConferenceLayout().frame({{"me@h", &mine}}, "", 8, 4);
  EXPECT_EQ(f.lines[0].text, "= me");
  EXPECT_EQ(f.lines[1].text, "abcd");
  EXPECT_EQ(f.lines[2].text, "efgh");
  EXPECT_EQ(f.lines[3].text, "ij");
}

TEST(ConferenceMenu, EscMOpensItAndOtherEscapesPassThrough) {
  ConferenceMenu menu;
  std::vector<MenuCommand> commands;
  EXPECT_EQ(menu.filter(bytes("hi\x1bp"), commands), "hi\x1bp");
  EXPECT_FALSE(menu.open());
  EXPECT_EQ(menu.filter(bytes("\x1b"), commands), "");  // the ESC waits for the next read
  EXPECT_EQ(menu.filter(bytes("m"), commands), "");
  EXPECT_TRUE(menu.open());
  EXPECT_NE(menu.prompt().find("a add"), std::string::npos);
  EXPECT_EQ(menu.filter(bytes("l"), commands), "");
  ASSERT_EQ(commands.size(), 1U);
  EXPECT_EQ(commands[0].kind, MenuCommand::Kind::List);
  EXPECT_FALSE(menu.open());
  EXPECT_EQ(menu.filter(bytes("\x1bnok"), commands), "\x1bnok");
}

TEST(ConferenceMenu, AddReadsANameOnTheStatusLine) {
  ConferenceMenu menu;
  std::vector<MenuCommand> commands;
  (void)menu.filter(bytes("\x1bma"
                          "carl\x7fol@h"),
                    commands);
  EXPECT_EQ(menu.prompt(), "Add whom (user or user@host)? carol@h");
  EXPECT_EQ(menu.filter(bytes("\rafter"), commands), "after");
  ASSERT_EQ(commands.size(), 1U);
  EXPECT_EQ(commands[0].kind, MenuCommand::Kind::Add);
  EXPECT_EQ(commands[0].person, "carol@h");
  (void)menu.filter(bytes("\x1bma"
                          "x\x1b"),
                    commands);  // ESC cancels
  EXPECT_FALSE(menu.open());
  EXPECT_EQ(commands.size(), 1U);
}

TEST(ConferenceMenu, HangUpPicksByNumberAndReringIsOneKey) {
  ConferenceMenu menu;
  menu.set_choices({"bob@h", "carol@h"});
  std::vector<MenuCommand> commands;
  (void)menu.filter(bytes("\x1bmh"), commands);
  EXPECT_EQ(menu.prompt(), "Hang up on: 1) bob@h 2) carol@h");
  (void)menu.filter(bytes("2"), commands);
  ASSERT_EQ(commands.size(), 1U);
  EXPECT_EQ(commands[0].kind, MenuCommand::Kind::HangUp);
  EXPECT_EQ(commands[0].number, 2);
  (void)menu.filter(bytes("\x1bmh9"), commands);  // no such member: nothing
  (void)menu.filter(bytes("\x1bmr"), commands);
  ASSERT_EQ(commands.size(), 2U);
  EXPECT_EQ(commands[1].kind, MenuCommand::Kind::Rering);
  (void)menu.filter(bytes("\x1bmq"), commands);
  EXPECT_FALSE(menu.open());
}

}  // namespace
}  // namespace talk::client
