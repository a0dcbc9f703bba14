// Unit tests: local keys and swallowed escape sequences.
#include <gtest/gtest.h>

#include <string_view>

#include "talk/key_input.hpp"

namespace talk::client {
namespace {

std::vector<KeyEvent> feed(KeyInput& input, std::string_view bytes) {
  return input.feed({reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()});
}

TEST(KeyInput, TextIsMergedIntoOneEvent) {
  KeyInput input;
  const auto events = feed(input, "h\xc3\xa9llo\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0].is_local);
  EXPECT_EQ(events[0].bytes, "h\xc3\xa9llo\n");
}

TEST(KeyInput, EnterIsSentAsLineFeed) {
  KeyInput input;
  const auto events = feed(input, "one\rtwo\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].bytes, "one\ntwo\n");
}

TEST(KeyInput, NetkitScrollKeysAndRedraw) {
  KeyInput input;
  const auto events = feed(input,
                           "a\x1bp\x1bn\x10\x0e\x0c"
                           "b");
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(events[1].key, LocalKey::ScrollMineBack);
  EXPECT_EQ(events[2].key, LocalKey::ScrollMineForward);
  EXPECT_EQ(events[3].key, LocalKey::ScrollPeerBack);
  EXPECT_EQ(events[4].key, LocalKey::ScrollPeerForward);
  EXPECT_EQ(events[5].key, LocalKey::Redraw);
  EXPECT_EQ(events[6].bytes, "b");
}

TEST(KeyInput, EscapeSequencesAreNeverSent) {
  KeyInput input;
  const auto events = feed(input, "\x1b[A\x1bOP\x1b[5~x");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].key, LocalKey::ScrollPeerBack);
  EXPECT_EQ(events[1].bytes, "x");
}

TEST(KeyInput, MetaKeySendsTheKeyWithoutEsc) {
  KeyInput input;
  auto events = feed(input, "\x1b");
  EXPECT_TRUE(events.empty());
  events = feed(input, "q");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].bytes, "q");
}

}  // namespace
}  // namespace talk::client
