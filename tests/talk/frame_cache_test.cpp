// Unit tests: frames built from cached pane views show every change (text, scroll, size, status).
#include <gtest/gtest.h>

#include <string>

#include "talk/screen_model.hpp"

namespace talk::client {
namespace {

void type(Pane& pane, const std::string& text) {
  for (const char c : text) {
    if (c == '\n') {
      pane.newline();
    } else {
      pane.add_glyph({std::string(1, c), 1});
    }
  }
}

TEST(FrameCache, EveryChangeReachesTheNextFrame) {
  ScreenModel model(24, 80);
  type(model.peer(), "hello");
  auto frame = model.frame();
  EXPECT_EQ(frame.lines[13].text, "hello");
  type(model.peer(), "!");
  frame = model.frame();
  EXPECT_EQ(frame.lines[13].text, "hello!");
  model.peer().erase_char();
  model.peer().erase_char();
  EXPECT_EQ(model.frame().lines[13].text, "hell");
  type(model.mine(), "mine");
  frame = model.frame();
  EXPECT_EQ(frame.lines[0].text, "mine");
  EXPECT_EQ(frame.cursor_col, 4);
  model.mine().kill_line();
  EXPECT_EQ(model.frame().lines[0].text, "");
}

TEST(FrameCache, LineAddressedRewritesReachTheNextFrame) {
  ScreenModel model(24, 80);
  type(model.peer(), "first\nsecond");
  EXPECT_EQ(model.frame().lines[14].text, "second");
  model.peer().set_line(0, {{"F", 1}, {"!", 1}});
  model.peer().set_line(2, {{"t", 1}, {"h", 1}, {"i", 1}, {"r", 1}, {"d", 1}});
  const auto frame = model.frame();
  EXPECT_EQ(frame.lines[13].text, "F!");
  EXPECT_EQ(frame.lines[15].text, "third");
}

TEST(FrameCache, ScrollResizeAndStatusReachTheNextFrame) {
  ScreenModel model(24, 80);
  for (int i = 0; i < 40; ++i) type(model.peer(), "line " + std::to_string(i) + "\n");
  EXPECT_EQ(model.frame().lines[22].text, "line 39");
  model.scroll_peer(1);
  const auto scrolled = model.frame();
  EXPECT_NE(scrolled.lines[22].text, "line 39");
  EXPECT_NE(scrolled.lines[12].text.find("[lower scroll]"), std::string::npos);
  model.peer().scroll_to_end();
  EXPECT_EQ(model.frame().lines[22].text, "line 39");
  model.set_status("Connection established");
  EXPECT_EQ(model.frame().lines[12].text, "[Connection established]");
  model.resize(10, 12);
  const auto small = model.frame();
  EXPECT_EQ(small.lines[5].text, "[Connection ");
  EXPECT_EQ(small.lines[8].text, "line 39");
}

}  // namespace
}  // namespace talk::client
