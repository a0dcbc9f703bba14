// Unit tests of UserLocator: merged sources, least idle writable tty, owners, mesg n.
#include "talkd/user_locator.hpp"

#include <gtest/gtest.h>

#include "talkd/fakes.hpp"

namespace talk::talkd {
namespace {

using proto::Answer;

class LocatorTest : public ::testing::Test {
 protected:
  LocatorTest() { users.users["bob"] = {1000, 1000, "/home/bob"}; }
  testing::FakeLogins utmp;
  testing::FakeLogins logind;
  testing::FakeTtys ttys;
  testing::FakeUsers users;
  UserLocator locator{{&utmp, &logind}, ttys, users};
};

TEST_F(LocatorTest, NotLoggedOnIsNotHere) {
  EXPECT_EQ(locator.locate("bob", "").answer, Answer::NotHere);
}

TEST_F(LocatorTest, DeadProcessRecordsDoNotCount) {
  utmp.add("bob", "pts/1", false);
  ttys.add("pts/1", 1000, true, 10);
  EXPECT_EQ(locator.locate("bob", "").answer, Answer::NotHere);
}

TEST_F(LocatorTest, PicksTheMostRecentlyUsedWritableTty) {
  utmp.add("bob", "pts/1");
  utmp.add("bob", "pts/2");
  utmp.add("bob", "pts/3");
  ttys.add("pts/1", 1000, true, 10);
  ttys.add("pts/2", 1000, true, 30);
  ttys.add("pts/3", 1000, false, 50);  // newest input but mesg n
  const Location where = locator.locate("bob", "");
  EXPECT_EQ(where.answer, Answer::Success);
  EXPECT_EQ(where.tty, "pts/2");
  EXPECT_EQ(where.uid, 1000U);
}

TEST_F(LocatorTest, AllRefusingIsPermissionDenied) {
  utmp.add("bob", "pts/1");
  ttys.add("pts/1", 1000, false, 10);
  EXPECT_EQ(locator.locate("bob", "").answer, Answer::PermissionDenied);
}

TEST_F(LocatorTest, LogindSessionsAreMergedWithUtmp) {
  logind.add("bob", "tty2");
  utmp.add("bob", "/dev/pts/4");
  ttys.add("tty2", 1000, true, 100);
  ttys.add("pts/4", 1000, true, 5);
  EXPECT_EQ(locator.locate("bob", "").tty, "tty2");
  utmp.records.clear();
  EXPECT_EQ(locator.locate("bob", "").tty, "tty2");
  EXPECT_EQ(locator.lines_of("bob").size(), 1U);
}

TEST_F(LocatorTest, DuplicatesAcrossSourcesAreOneLine) {
  logind.add("bob", "pts/1");
  utmp.add("bob", "pts/1");
  EXPECT_EQ(locator.lines_of("bob").size(), 1U);
}

TEST_F(LocatorTest, SomeoneElsesTtyIsIgnored) {
  utmp.add("bob", "pts/1");
  ttys.add("pts/1", 0, true, 10);  // stale record: the tty now belongs to root
  EXPECT_EQ(locator.locate("bob", "").answer, Answer::NotHere);
}

TEST_F(LocatorTest, MissingTtyIsNotHere) {
  utmp.add("bob", "pts/9");
  EXPECT_EQ(locator.locate("bob", "").answer, Answer::NotHere);
}

TEST_F(LocatorTest, RequestedTtyIsUsedWhenItIsTheUsers) {
  utmp.add("bob", "pts/1");
  utmp.add("bob", "pts/2");
  ttys.add("pts/1", 1000, true, 10);
  ttys.add("pts/2", 1000, true, 30);
  EXPECT_EQ(locator.locate("bob", "pts/1").tty, "pts/1");
}

TEST_F(LocatorTest, RequestedTtyWithMesgNIsPermissionDenied) {
  utmp.add("bob", "pts/1");
  utmp.add("bob", "pts/2");
  ttys.add("pts/1", 1000, false, 10);
  ttys.add("pts/2", 1000, true, 30);
  EXPECT_EQ(locator.locate("bob", "pts/1").answer, Answer::PermissionDenied);
}

TEST_F(LocatorTest, RequestedTtyOfAnotherUserFallsBackToTheBest) {
  utmp.add("bob", "pts/2");
  utmp.add("eve", "pts/7");
  ttys.add("pts/2", 1000, true, 30);
  ttys.add("pts/7", 1001, true, 30);
  const Location where = locator.locate("bob", "pts/7");
  EXPECT_EQ(where.answer, Answer::Success);
  EXPECT_EQ(where.tty, "pts/2");
}

TEST_F(LocatorTest, NamesCutByTheProtocolFindTheLongLogin) {
  users.users["averylongusername"] = {1002, 1002, "/home/x"};
  utmp.add("averylongusername", "pts/5");
  ttys.add("pts/5", 1002, true, 10);
  // ntalk carries 11 bytes of a name, otalk 8.
  const std::string user = locator.login_name_for("averylongus", proto::kNameSize);
  EXPECT_EQ(user, "averylongusername");
  const Location where = locator.locate(user, "");
  EXPECT_EQ(where.answer, Answer::Success);
  EXPECT_EQ(where.user, "averylongusername");
  EXPECT_EQ(where.tty, "pts/5");
  EXPECT_EQ(locator.login_name_for("averylon", proto::kOtalkNameSize), "averylongusername");
  EXPECT_EQ(locator.login_name_for("averylon", proto::kNameSize), "averylon");  // not cut
  EXPECT_EQ(locator.login_name_for("averylo", proto::kOtalkNameSize), "averylo");
}

TEST_F(LocatorTest, AmbiguousCutNamesFindNobody) {
  utmp.add("averylongusername", "pts/5");
  utmp.add("averylongusernamf", "pts/6");
  EXPECT_EQ(locator.login_name_for("averylongus", proto::kNameSize), "averylongus");
}

TEST_F(LocatorTest, ExactNameWinsOverLongerOnes) {
  utmp.add("abcdefghijk", "pts/1");
  utmp.add("abcdefghijkl", "pts/2");
  EXPECT_EQ(locator.login_name_for("abcdefghijk", proto::kNameSize), "abcdefghijk");
}

TEST_F(LocatorTest, UnknownAccountIsNotHere) {
  utmp.add("ghost", "pts/1");
  ttys.add("pts/1", 1000, true, 30);
  EXPECT_EQ(locator.locate("ghost", "").answer, Answer::NotHere);
}

}  // namespace
}  // namespace talk::talkd
