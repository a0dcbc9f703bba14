// Unit tests of RttDecoder: actions, positions in code points, bounds and sequence gaps.
#include <gtest/gtest.h>

#include "xmpp/rtt_decoder.hpp"
#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

RttEvent event(RttEventType type, std::uint32_t seq, std::vector<RttAction> actions = {}) {
  return RttEvent{type, seq, std::move(actions)};
}

TEST(RttDecoder, NewThenEditsBuildTheLine) {
  RttDecoder d;
  EXPECT_EQ(d.apply(event(RttEventType::New, 9, {RttInsert{{}, "héllo"}})),
            RttDecoder::Outcome::Applied);
  d.apply(event(RttEventType::Edit, 10, {RttInsert{0, "¡"}, RttErase{{}, 2}}));
  EXPECT_EQ(encode_utf8(d.line()), "¡hél");
  d.apply(event(RttEventType::Edit, 11, {RttErase{3, 1}, RttInsert{2, "XY"}}));
  EXPECT_EQ(encode_utf8(d.line()), "¡hXYl");
}

TEST(RttDecoder, PositionsPastTheEndAndOverlongErasesAreClamped) {
  RttDecoder d;
  d.apply(event(RttEventType::New, 1, {RttInsert{{}, "abc"}}));
  d.apply(event(RttEventType::Edit, 2, {RttInsert{1000000, "d"}, RttErase{2, 50}}));
  EXPECT_EQ(encode_utf8(d.line()), "cd");
  d.apply(event(RttEventType::Edit, 3, {RttErase{SIZE_MAX, SIZE_MAX}, RttInsert{SIZE_MAX, "z"}}));
  EXPECT_EQ(encode_utf8(d.line()), "z");
}

TEST(RttDecoder, AGapIgnoresEditsUntilTheNextReset) {
  RttDecoder d;
  d.apply(event(RttEventType::New, 1, {RttInsert{{}, "ab"}}));
  EXPECT_EQ(d.apply(event(RttEventType::Edit, 3, {RttInsert{{}, "X"}})),
            RttDecoder::Outcome::OutOfSync);
  EXPECT_EQ(d.apply(event(RttEventType::Edit, 4, {RttInsert{{}, "Y"}})),
            RttDecoder::Outcome::OutOfSync);
  EXPECT_EQ(encode_utf8(d.line()), "ab");
  EXPECT_FALSE(d.in_sync());
  EXPECT_EQ(d.apply(event(RttEventType::Reset, 5, {RttInsert{{}, "abXY"}})),
            RttDecoder::Outcome::Applied);
  EXPECT_EQ(encode_utf8(d.line()), "abXY");
  EXPECT_EQ(d.apply(event(RttEventType::Edit, 6, {RttInsert{{}, "Z"}})),
            RttDecoder::Outcome::Applied);
  EXPECT_EQ(encode_utf8(d.line()), "abXYZ");
}

TEST(RttDecoder, EditBeforeAnyNewIsIgnored) {
  RttDecoder d;
  EXPECT_EQ(d.apply(event(RttEventType::Edit, 0, {RttInsert{{}, "x"}})),
            RttDecoder::Outcome::OutOfSync);
  EXPECT_TRUE(d.line().empty());
}

TEST(RttDecoder, SequenceWrapsAround) {
  RttDecoder d;
  d.apply(event(RttEventType::New, 0xffffffff, {RttInsert{{}, "a"}}));
  EXPECT_EQ(d.apply(event(RttEventType::Edit, 0, {RttInsert{{}, "b"}})),
            RttDecoder::Outcome::Applied);
  EXPECT_EQ(encode_utf8(d.line()), "ab");
}

TEST(RttDecoder, CommitAndCancelClearTheLine) {
  RttDecoder d;
  d.apply(event(RttEventType::New, 1, {RttInsert{{}, "typing"}}));
  EXPECT_EQ(encode_utf8(d.commit("the whole line")), "the whole line");
  EXPECT_TRUE(d.line().empty());
  EXPECT_EQ(d.apply(event(RttEventType::Edit, 2, {RttInsert{{}, "x"}})),
            RttDecoder::Outcome::OutOfSync)
      << "a new message starts with new";
  d.apply(event(RttEventType::New, 3, {RttInsert{{}, "again"}}));
  EXPECT_EQ(d.apply(event(RttEventType::Cancel, 4)), RttDecoder::Outcome::Cancelled);
  EXPECT_TRUE(d.line().empty());
  EXPECT_EQ(d.apply(event(RttEventType::Init, 5)), RttDecoder::Outcome::Nothing);
}

TEST(RttDecoder, HugeInsertsAndManyActionsStayBounded) {
  RttDecoder d;
  std::vector<RttAction> actions(kMaxRttActions * 4, RttInsert{{}, std::string(1000, 'x')});
  d.apply(event(RttEventType::New, 1, actions));
  EXPECT_EQ(d.line().size(), kMaxRttLine);
  d.apply(event(RttEventType::Edit, 2, {RttInsert{0, std::string(100000, 'y')}}));
  EXPECT_EQ(d.line().size(), kMaxRttLine);
  EXPECT_EQ(d.commit(std::string(100000, 'z')).size(), kMaxRttLine);
}

TEST(RttDecoder, InvalidUtf8BecomesReplacementCharacters) {
  RttDecoder d;
  d.apply(event(RttEventType::New, 1, {RttInsert{{}, "a\xff\xc3"}}));
  EXPECT_EQ(d.line(), std::u32string(U"a\ufffd\ufffd"));
}

}  // namespace
}  // namespace talk::xmpp
