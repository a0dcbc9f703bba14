// Unit tests of RttEncoder and ChatStateSender: the events and states typing produces.
#include <gtest/gtest.h>

#include "xmpp/chat_state.hpp"
#include "xmpp/rtt_decoder.hpp"
#include "xmpp/rtt_encoder.hpp"
#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

using std::chrono::milliseconds;
const SteadyTime t0{std::chrono::hours(1)};

TEST(RttEncoder, FirstEventIsNewWithTheTextAndTheGivenSeq) {
  RttEncoder encoder(41);
  encoder.type("hé");
  const auto event = encoder.poll(t0);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->type, RttEventType::New);
  EXPECT_EQ(event->seq, 41u);
  ASSERT_EQ(event->actions.size(), 1u);
  EXPECT_EQ(std::get<RttInsert>(event->actions[0]), (RttInsert{{}, "hé"}));
}

TEST(RttEncoder, WaitsForTheIntervalAndSendsOnlyChanges) {
  RttEncoder encoder(1);
  encoder.type("a");
  ASSERT_TRUE(encoder.poll(t0));
  EXPECT_FALSE(encoder.poll(t0 + milliseconds(800))) << "nothing changed";
  encoder.type("b");
  EXPECT_FALSE(encoder.poll(t0 + milliseconds(100)));
  const auto edit = encoder.poll(t0 + kRttInterval);
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->type, RttEventType::Edit);
  EXPECT_EQ(edit->seq, 2u);
  EXPECT_EQ(edit->actions, (std::vector<RttAction>{RttInsert{{}, "b"}}));
}

TEST(RttEncoder, TalkEditsBecomeEraseActionsCountedInCodePoints) {
  RttEncoder encoder(7);
  encoder.type("one two  日本");
  ASSERT_TRUE(encoder.poll(t0));
  encoder.erase_char();
  auto event = encoder.poll(t0 + milliseconds(700));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->actions, (std::vector<RttAction>{RttErase{{}, 1}}));
  encoder.erase_word();  // "日"
  encoder.erase_word();  // the two spaces and "two"
  event = encoder.poll(t0 + milliseconds(1400));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->actions, (std::vector<RttAction>{RttErase{{}, 6}}));
  EXPECT_EQ(encoder.line(), U"one ");
  encoder.kill_line();
  encoder.type("x");
  event = encoder.poll(t0 + milliseconds(2100));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->actions, (std::vector<RttAction>{RttErase{{}, 4}, RttInsert{{}, "x"}}));
}

TEST(RttEncoder, CommitReturnsTheLineAndTheNextMessageStartsWithNew) {
  RttEncoder encoder(100);
  encoder.type("hello");
  ASSERT_TRUE(encoder.poll(t0));
  EXPECT_EQ(encoder.commit(), "hello");
  EXPECT_FALSE(encoder.changed());
  encoder.type("next");
  const auto event = encoder.poll(t0 + milliseconds(700));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->type, RttEventType::New);
  EXPECT_EQ(event->seq, 101u);
}

TEST(RttEncoder, RefreshesWithResetWhileAMessageStaysOnTheLine) {
  RttEncoder encoder(5);
  encoder.type("abc");
  ASSERT_TRUE(encoder.poll(t0));
  EXPECT_EQ(encoder.next_due(), t0 + kRttRefreshInterval);
  const auto event = encoder.poll(t0 + kRttRefreshInterval);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->type, RttEventType::Reset);
  EXPECT_EQ(event->actions, (std::vector<RttAction>{RttInsert{{}, "abc"}}));
}

TEST(RttEncoder, AKeyRightAfterARefreshOfAnIdleLineGoesOutAtOnce) {
  RttEncoder encoder(5);
  encoder.type("abc");
  ASSERT_TRUE(encoder.poll(t0));
  ASSERT_TRUE(encoder.poll(t0 + kRttRefreshInterval));  // the refresh, nothing typed
  encoder.type("d");
  EXPECT_EQ(encoder.next_due(), t0 + kRttInterval);  // already past
  const auto event = encoder.poll(t0 + kRttRefreshInterval + milliseconds(50));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->type, RttEventType::Edit);
  EXPECT_EQ(event->actions, (std::vector<RttAction>{RttInsert{{}, "d"}}));
  // A change after that waits for the interval as usual.
  encoder.type("e");
  EXPECT_FALSE(encoder.poll(t0 + kRttRefreshInterval + milliseconds(100)));
}

TEST(RttEncoder, ADecoderFollowingItEndsWithTheSameLine) {
  RttEncoder encoder(0xfffffffe);  // the sequence number wraps
  RttDecoder decoder;
  const std::string typed = "Hello wörld, 日本語 ✓";
  SteadyTime now = t0;
  for (const char32_t c : decode_utf8(typed)) {
    encoder.type(encode_utf8(std::u32string(1, c)));
    if (c == U' ') {
      encoder.erase_char();
      encoder.type(" ");
    }
    now += kRttInterval;
    if (auto event = encoder.poll(now)) {
      EXPECT_EQ(decoder.apply(*event), RttDecoder::Outcome::Applied);
    }
  }
  encoder.erase_word();
  if (auto event = encoder.poll(now + kRttInterval)) decoder.apply(*event);
  EXPECT_EQ(decoder.line(), encoder.line());
  EXPECT_EQ(encode_utf8(decoder.line()), "Hello wörld, 日本語 ");
}

TEST(RttEncoder, LineIsBounded) {
  RttEncoder encoder(1);
  encoder.type(std::string(kMaxRttLine + 50, 'x'));
  EXPECT_EQ(encoder.line().size(), kMaxRttLine);
}

TEST(ChatStateSender, ComposingOnceThenPausedThenActiveOnCommit) {
  ChatStateSender sender;
  EXPECT_EQ(sender.typed(t0), ChatState::Composing);
  EXPECT_EQ(sender.typed(t0 + milliseconds(100)), std::nullopt) << "never repeated";
  EXPECT_EQ(sender.poll(t0 + milliseconds(200)), std::nullopt);
  EXPECT_EQ(sender.next_due(), t0 + milliseconds(100) + kPausedAfter);
  EXPECT_EQ(sender.poll(t0 + milliseconds(100) + kPausedAfter), ChatState::Paused);
  EXPECT_EQ(sender.poll(t0 + std::chrono::minutes(1)), std::nullopt);
  EXPECT_EQ(sender.typed(t0 + std::chrono::minutes(1)), ChatState::Composing);
  sender.committed();
  EXPECT_EQ(sender.state(), ChatState::Active);
  EXPECT_FALSE(sender.next_due());
}

}  // namespace
}  // namespace talk::xmpp
