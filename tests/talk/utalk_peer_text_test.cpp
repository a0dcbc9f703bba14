// Unit tests: a utalk peer's text by line and column, with per-cell sequence numbers, ff 00
// truncations in any order, deleted cells and Latin-1 letters.
#include <gtest/gtest.h>

#include "talk/utalk_peer_text.hpp"

namespace talk::client {
namespace {

using proto::utalk::DataOp;
using proto::utalk::UtalkData;
using Kind = DataOp::Kind;

UtalkData text_at(std::uint16_t line, std::uint16_t column, std::string text) {
  return {line, column, {{Kind::Text, std::move(text), 0, 0}}};
}

UtalkData cut_at(std::uint16_t line, std::uint16_t column) {
  return {line, column, {{Kind::Truncate, "", 0, 0}}};
}

TEST(UtalkPeerText, TypingEraseWordEraseKill) {
  UtalkPeerText text;
  text.apply(text_at(1, 1, "abcdef"), 1);
  EXPECT_EQ(text.latin1(1), "abcdef");
  text.apply(cut_at(1, 6), 2);  // erase
  EXPECT_EQ(text.latin1(1), "abcde");
  text.apply({2, 1, {}}, 3);  // Enter: a cursor move
  text.apply(text_at(2, 1, "next line"), 4);
  text.apply(cut_at(2, 6), 5);  // ^W
  EXPECT_EQ(text.latin1(2), "next ");
  text.apply(cut_at(2, 1), 6);  // ^U
  EXPECT_EQ(text.latin1(2), "");
  EXPECT_EQ(text.last_line(), 2);
}

TEST(UtalkPeerText, OutOfOrderChunksConverge) {
  UtalkPeerText in_order;
  UtalkPeerText reordered;
  const std::vector<std::pair<UtalkData, std::uint32_t>> chunks = {
      {text_at(1, 1, "hell"), 1}, {text_at(1, 5, "o"), 2}, {cut_at(1, 3), 3},
      {text_at(1, 3, "y!"), 4},   {text_at(1, 6, "x"), 5},
  };
  for (const auto& [data, seq] : chunks) in_order.apply(data, seq);
  for (const std::size_t i : {4U, 2U, 0U, 3U, 1U})
    reordered.apply(chunks[i].first, chunks[i].second);
  EXPECT_EQ(in_order.latin1(1), "hey! x");
  EXPECT_EQ(reordered.latin1(1), in_order.latin1(1));
}

TEST(UtalkPeerText, GapsAreBlankUntilFilled) {
  UtalkPeerText text;
  text.apply(text_at(1, 1, "hell"), 1);
  text.apply(text_at(1, 6, "_world"), 3);
  EXPECT_EQ(text.latin1(1), "hell _world");
  text.apply(text_at(1, 5, "o"), 2);
  EXPECT_EQ(text.latin1(1), "hello_world");
}

TEST(UtalkPeerText, DeletedCellsStayDeletedAndHaveNoWidth) {
  UtalkPeerText text;
  text.apply(text_at(1, 1, std::string("a\0c", 3)), 2);
  text.apply(text_at(1, 2, "b"), 3);
  EXPECT_EQ(text.latin1(1), "ac");
  EXPECT_EQ(text.glyphs(1, true).size(), 2U);
}

TEST(UtalkPeerText, Latin1AndControlsAsGlyphs) {
  UtalkPeerText text;
  text.apply(text_at(1, 1, "\xe9\xfc\x1b["), 1);
  const auto glyphs = text.glyphs(1, true);
  ASSERT_EQ(glyphs.size(), 4U);
  EXPECT_EQ(glyphs[0].text, "\xc3\xa9");
  EXPECT_EQ(glyphs[1].text, "\xc3\xbc");
  EXPECT_EQ(glyphs[2].text, " ");  // ESC never reaches the terminal
  EXPECT_EQ(text.glyphs(1, false)[0].text, "?");
}

TEST(UtalkPeerText, MovesBeepsAndBounds) {
  UtalkPeerText text;
  const UtalkData data{1,
                       1,
                       {{Kind::Text, "ab", 0, 0},
                        {Kind::Move, "", 3, 2},
                        {Kind::Text, "c", 0, 0},
                        {Kind::Beep, "", 0, 0}}};
  EXPECT_EQ(text.apply(data, 1), 1);
  EXPECT_EQ(text.latin1(3), " c");
  EXPECT_EQ(text.take_changed_lines(), (std::vector<std::uint16_t>{1, 3}));
  EXPECT_TRUE(text.take_changed_lines().empty());
  text.apply(text_at(1, 60000, "far"), 2);   // beyond the columns kept
  text.apply(text_at(0, 1, "zero"), 3);      // line 0 does not exist
  text.apply(text_at(65535, 1, "deep"), 4);  // beyond the lines kept
  EXPECT_EQ(text.latin1(1), "ab");
  EXPECT_EQ(text.last_line(), 3);
}

}  // namespace
}  // namespace talk::client
