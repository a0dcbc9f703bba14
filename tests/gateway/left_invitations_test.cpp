// The state file of invitations left with talkd: round trip and the lines a reader skips.
#include "gateway/left_invitations.hpp"

#include <gtest/gtest.h>

namespace talk::gateway {
namespace {

TEST(LeftInvitations, RoundTrip) {
  const std::vector<LeftInvitation> left{{1700000000, 7, "carol@localhost"},
                                         {1700000001, 8, "dave@example.org"}};
  EXPECT_EQ(format_left_invitations(left),
            "1700000000 7 carol@localhost\n1700000001 8 dave@example.org\n");
  EXPECT_EQ(parse_left_invitations(format_left_invitations(left)), left);
  EXPECT_TRUE(parse_left_invitations("").empty());
}

TEST(LeftInvitations, SkipsMalformedLines) {
  const auto left = parse_left_invitations(
      "1 2\n"               // no JID
      "x 2 a@b\n"           // no time
      "-1 2 a@b\n"          // before the epoch
      "1 4294967296 a@b\n"  // beyond an id
      "1 2 not a jid\n"
      "5 6 Carol@Example.ORG/phone\n"  // kept, as a comparable bare JID
      "5 6 a@b");                      // last line without newline: kept
  ASSERT_EQ(left.size(), 2U);
  EXPECT_EQ(left[0], (LeftInvitation{5, 6, "carol@example.org"}));
  EXPECT_EQ(left[1], (LeftInvitation{5, 6, "a@b"}));
}

}  // namespace
}  // namespace talk::gateway
