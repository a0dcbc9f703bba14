// Unit tests: the conversation model (edit-character exchange, typed and received bytes).
#include <gtest/gtest.h>

#include <clocale>
#include <string_view>

#include "talk/conversation.hpp"

namespace talk::client {
namespace {

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
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
  Conversation a(a_model, true, {0x08, 0x15, 0x17});
  Conversation b(b_model, true, {'#', '@', 0x17});
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
  a.outbound().clear();
  EXPECT_FALSE(a.on_typed(bytes("hi\x1bp\x10")));
  EXPECT_EQ(a.outbound(), "hi");
  EXPECT_EQ(a_model.mine().line_text(0), "hi");
  EXPECT_TRUE(a.on_typed(bytes("\x0c")));
  a.on_typed(bytes("x\x08"));  // BS erases on my screen as it does on the peer's
  EXPECT_EQ(a_model.mine().line_text(0), "hi");
  EXPECT_EQ(a.outbound(), "hix\x08");
}

TEST_F(ConversationTest, AfterCloseOnlyNonScrollKeysLeave) {
  Conversation a(a_model, true, {});
  EXPECT_FALSE(a.on_key_after_close(bytes("\x10\x0e\x1bp")));
  EXPECT_TRUE(a.on_key_after_close(bytes("q")));
}

TEST_F(ConversationTest, BellsAreCounted) {
  Conversation a(a_model, true, {});
  EXPECT_EQ(a.on_received(bytes("\x7f\x15\x17"
                                "ding\a\a")),
            2);
}

}  // namespace
}  // namespace talk::client
