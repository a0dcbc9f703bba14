// Unit tests: the keyboard side (my pane, local keys, edits) and talk's stream (edit-character
// exchange, typed and received bytes).
#include <gtest/gtest.h>

#include <clocale>
#include <string_view>

#include "talk/conversation.hpp"
#include "talk/talk_stream.hpp"
#include "talk/user_edits.hpp"

namespace talk::client {
namespace {

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string typed_of(const std::vector<UserEdit>& edits) {
  std::string out;
  for (const auto& edit : edits) out += edit.typed;
  return out;
}

class ConversationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) GTEST_SKIP() << "no C.UTF-8 locale";
  }
  ScreenModel a_model{24, 80};
  ScreenModel b_model{24, 80};
};

TEST_F(ConversationTest, EditCharsGoFirstAndAreLearnt) {
  TalkStream a(a_model.peer(), true, {0x08, 0x15, 0x17});
  TalkStream b(b_model.peer(), true, {'#', '@', 0x17});
  EXPECT_EQ(a.outbound(), std::string("\x08\x15\x17"));
  EXPECT_FALSE(b.peer_edit_chars_known());
  b.on_received(bytes(std::string_view(a.outbound()).substr(0, 2)));  // split delivery
  EXPECT_FALSE(b.peer_edit_chars_known());
  b.on_received(bytes(std::string_view(a.outbound()).substr(2)));
  ASSERT_TRUE(b.peer_edit_chars_known());
  EXPECT_EQ(b.peer_edit_chars(), (EditChars{0x08, 0x15, 0x17}));
  a.on_received(bytes(b.outbound() + "ab#c"));
  EXPECT_EQ(a_model.peer().line_text(0), "ac");
}

TEST_F(ConversationTest, TypedTextIsShownAndQueuedLocalKeysAreNot) {
  Conversation a(a_model, true, {0x7f, 0x15, 0x17});
  TalkStream wire(a_model.peer(), true, {0x7f, 0x15, 0x17});
  wire.outbound().clear();
  std::vector<UserEdit> edits;
  EXPECT_FALSE(a.on_typed(bytes("hi\x1bp\x10"), edits));
  EXPECT_EQ(typed_of(edits), "hi");
  EXPECT_EQ(a_model.mine().line_text(0), "hi");
  EXPECT_TRUE(a.on_typed(bytes("\x0c"), edits));
  a.on_typed(bytes("x\x08"), edits);  // BS erases on my screen as it does on the peer's
  EXPECT_EQ(a_model.mine().line_text(0), "hi");
  wire.queue(edits);
  EXPECT_EQ(wire.outbound(), "hix\x08");
}

TEST_F(ConversationTest, TypedBytesBecomeNeutralEdits) {
  Conversation a(a_model, true, {'#', '@', 0x17});
  std::vector<UserEdit> edits;
  a.on_typed(bytes("ab#\x7f@\x17\r\x15h\xc3\xa9"), edits);
  using Kind = UserEdit::Kind;
  const std::vector<UserEdit> expected = {
      {Kind::Text, "ab", "ab"},      {Kind::Erase, "", "#"},
      {Kind::Erase, "", "\x7f"},     {Kind::Kill, "", "@"},
      {Kind::WordErase, "", "\x17"}, {Kind::Newline, "", "\n"},
      {Kind::Kill, "", "\x15"},      {Kind::Text, "h\xc3\xa9", "h\xc3\xa9"},
  };
  EXPECT_EQ(edits, expected);
}

TEST_F(ConversationTest, AfterCloseOnlyNonScrollKeysLeave) {
  Conversation a(a_model, true, {});
  EXPECT_FALSE(a.on_key_after_close(bytes("\x10\x0e\x1bp")));
  EXPECT_TRUE(a.on_key_after_close(bytes("q")));
}

std::string separator_of(const ScreenModel& model) {
  for (const FrameRow& row : model.frame().lines) {
    if (row.separator) return row.text;
  }
  return {};
}

TEST_F(ConversationTest, CtrlTTypesATopicThatEnterSends) {
  Conversation a(a_model, true, {0x7f, 0x15, 0x17});
  std::vector<UserEdit> edits;
  a.on_typed(bytes("hi\x14ne"), edits);  // the topic line takes what follows ^T
  EXPECT_NE(separator_of(a_model).find("[New topic: ne_]"), std::string::npos);
  a.on_typed(bytes("w\x7f\x7f"
                   "ews caf\xc3\xa9\x7f\xc3\xa9\rok"),
             edits);
  using Kind = UserEdit::Kind;
  const std::vector<UserEdit> expected = {
      {Kind::Text, "hi", "hi"},
      {Kind::Topic, "news caf\xc3\xa9", ""},  // nothing typed reaches a byte-stream peer
      {Kind::Text, "ok", "ok"},
  };
  EXPECT_EQ(edits, expected);
  EXPECT_EQ(a_model.mine().line_text(0), "hiok");
  EXPECT_EQ(a_model.topic(), "news caf\xc3\xa9");
  EXPECT_EQ(separator_of(a_model).find("New topic"), std::string::npos);
}

TEST_F(ConversationTest, CtrlGDropsTheTopicAndControlsAreLeftOut) {
  Conversation a(a_model, true, {0x7f, 0x15, 0x17});
  std::vector<UserEdit> edits;
  a.on_typed(bytes("\x14gone\x07x\x14\x01\x1b[A\x15ke\x02pt\r"), edits);
  using Kind = UserEdit::Kind;
  EXPECT_EQ(edits, (std::vector<UserEdit>{{Kind::Text, "x", "x"}, {Kind::Topic, "kept", ""}}));
  a.on_typed(bytes("\x14" + std::string(300, 'z') + "\r"), edits);
  EXPECT_EQ(edits.back().text, std::string(TopicEntry::kMaxBytes, 'z'));
}

TEST_F(ConversationTest, BellsAreCounted) {
  TalkStream a(a_model.peer(), true, {});
  EXPECT_EQ(a.on_received(bytes("\x7f\x15\x17"
                                "ding\a\a")),
            2);
}

}  // namespace
}  // namespace talk::client
