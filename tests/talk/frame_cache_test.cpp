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
// Frames built keystroke by keystroke (appends wrapped onto the cached rows) equal frames built
// from scratch, across row wraps, wide glyphs, a narrow screen, scrolling and edits.
TEST(FrameCache, AppendedGlyphsGiveTheSameFrameAsAFullWrap) {
  for (const int cols : {1, 3, 7, 80}) {
    ScreenModel cached(9, cols);
    type(cached.peer(), "earlier line\n");
    for (int i = 0; i < 60; ++i) {
      if (i % 17 == 16) {
        cached.peer().newline();
      } else if (i % 11 == 10) {
        cached.peer().add_glyph({"\xe4\xb8\xad", 2});  // a wide glyph
      } else if (i == 40) {
        cached.peer().erase_char();
      } else {
        cached.peer().add_glyph({std::string(1, static_cast<char>('a' + i % 26)), 1});
      }
      if (i == 30) cached.scroll_peer(1);
      if (i == 33) cached.scroll_peer(-1);
      const Frame got = cached.frame();
      ScreenModel fresh(9, cols);
      fresh.peer() = cached.peer();
      const Frame& want = fresh.frame();
      ASSERT_EQ(got.lines.size(), want.lines.size());
      for (std::size_t row = 0; row < got.lines.size(); ++row) {
        EXPECT_EQ(got.lines[row].text, want.lines[row].text)
            << "cols " << cols << " step " << i << " row " << row;
        EXPECT_EQ(got.lines[row].width, want.lines[row].width);
      }
    }
  }
}

}  // namespace talk::client
