// Unit tests: my edits as utalk's chunks (the wire table of utalk's own edits), Latin-1
// conversion and what cannot be sent.
#include <gtest/gtest.h>

#include "protocol/utalk_data.hpp"
#include "talk/utalk_edit_encoder.hpp"
#include "talk/utalk_peer_text.hpp"

namespace talk::client {
namespace {

using proto::utalk::DataOp;
using Kind = DataOp::Kind;

UserEdit text(std::string t) {
  return {UserEdit::Kind::Text, t, t};
}
UserEdit edit(UserEdit::Kind kind) {
  return {kind, "", ""};
}

std::vector<proto::utalk::UtalkData> decoded(const std::vector<proto::srdp::Chunk>& chunks) {
  std::vector<proto::utalk::UtalkData> out;
  for (const auto& chunk : chunks) out.push_back(*proto::utalk::decode_data(chunk));
  return out;
}

TEST(UtalkEditEncoder, EditsAsUtalkSendsThem) {
  UtalkEditEncoder encoder(true);
  std::size_t unsent = 0;
  auto chunks = encoder.encode({text("abcdef")}, unsent);
  EXPECT_EQ(decoded(chunks)[0], (proto::utalk::UtalkData{1, 1, {{Kind::Text, "abcdef", 0, 0}}}));
  chunks =
      encoder.encode({edit(UserEdit::Kind::Erase), edit(UserEdit::Kind::Newline), text("next line"),
                      edit(UserEdit::Kind::WordErase), edit(UserEdit::Kind::Kill)},
                     unsent);
  const auto data = decoded(chunks);
  ASSERT_EQ(data.size(), 5U);
  EXPECT_EQ(data[0], (proto::utalk::UtalkData{1, 6, {{Kind::Truncate, "", 0, 0}}}));
  EXPECT_EQ(data[1], (proto::utalk::UtalkData{2, 1, {}}));
  EXPECT_EQ(data[3], (proto::utalk::UtalkData{2, 6, {{Kind::Truncate, "", 0, 0}}}));
  EXPECT_EQ(data[4], (proto::utalk::UtalkData{2, 1, {{Kind::Truncate, "", 0, 0}}}));
  EXPECT_EQ(unsent, 0U);
}

TEST(UtalkEditEncoder, Latin1GoesOtherTextIsCountedNotSent) {
  UtalkEditEncoder encoder(true);
  std::size_t unsent = 0;
  const auto chunks = encoder.encode({text("\xc3\xa9\xc3\xbc\xe2\x9c\x93!")}, unsent);
  EXPECT_EQ(unsent, 1U);  // the check mark
  UtalkPeerText shown;
  std::uint32_t seq = 1;
  for (const auto& data : decoded(chunks)) shown.apply(data, seq++);
  EXPECT_EQ(shown.latin1(1), "\xe9\xfc!");
  // Erasing the unsent glyph sends nothing; erasing '!' cuts at column 3.
  auto erase = encoder.encode({edit(UserEdit::Kind::Erase)}, unsent);
  EXPECT_EQ(decoded(erase)[0], (proto::utalk::UtalkData{1, 3, {{Kind::Truncate, "", 0, 0}}}));
  erase = encoder.encode({edit(UserEdit::Kind::Erase)}, unsent);
  EXPECT_TRUE(erase.empty());
}

TEST(UtalkEditEncoder, BellTabAndTopic) {
  UtalkEditEncoder encoder(true);
  std::size_t unsent = 0;
  const auto chunks =
      encoder.encode({text("a\t\a"), {UserEdit::Kind::Topic, "caf\xc3\xa9", ""}}, unsent);
  ASSERT_EQ(chunks.size(), 3U);
  EXPECT_EQ(decoded({chunks[0]})[0].ops[0].text, "a" + std::string(7, ' '));
  EXPECT_EQ(decoded({chunks[1]})[0].ops[0].kind, Kind::Beep);
  EXPECT_EQ(proto::utalk::decode_topic(chunks[2]), "caf\xe9");
  EXPECT_EQ(encoder.column(), 9);
}

}  // namespace
}  // namespace talk::client
