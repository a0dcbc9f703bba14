// Unit tests of UserLocator's terminal fallback: sessions without a terminal (ssh under
// logind) and machines without login records find the ttys the callee holds.
#include <gtest/gtest.h>

#include "talkd/fakes.hpp"
#include "talkd/user_locator.hpp"

namespace talk::talkd {
namespace {

using proto::Answer;

class FallbackTest : public ::testing::Test {
 protected:
  FallbackTest() {
    users.users["bob"] = {1000, 1000, "/home/bob"};
    users.users["eve"] = {1001, 1001, "/home/eve"};
  }
  UserLocator locator(bool always = false) {
    return UserLocator{{&utmp, &logind}, ttys, users, {&scan, always}};
  }
  testing::FakeLogins utmp;
  testing::FakeLogins logind;
  testing::FakeScan scan;
  testing::FakeTtys ttys;
  testing::FakeUsers users;
};

TEST_F(FallbackTest, SessionWithoutTerminalFindsTheUsersPty) {
  logind.add("bob", "");  // an ssh session: logind knows no tty
  scan.owned[1000] = {"pts/2"};
  ttys.add("pts/2", 1000, true, 10);
  const Location where = locator().locate("bob", "");
  EXPECT_EQ(where.answer, Answer::Success);
  EXPECT_EQ(where.tty, "pts/2");
}

TEST_F(FallbackTest, NoScanWhenEverySessionHasATerminal) {
  logind.add("bob", "pts/1");
  scan.owned[1000] = {"pts/2"};
  ttys.add("pts/1", 1000, true, 10);
  ttys.add("pts/2", 1000, true, 50);
  EXPECT_EQ(locator().locate("bob", "").tty, "pts/1");
  EXPECT_EQ(scan.calls, 0);
}

TEST_F(FallbackTest, NoSessionNoScan) {
  scan.owned[1000] = {"pts/2"};
  ttys.add("pts/2", 1000, true, 10);
  EXPECT_EQ(locator().locate("bob", "").answer, Answer::NotHere);
  EXPECT_EQ(scan.calls, 0);
}

TEST_F(FallbackTest, AnotherUsersTerminallessSessionDoesNotScanForBob) {
  logind.add("eve", "");
  scan.owned[1000] = {"pts/2"};
  ttys.add("pts/2", 1000, true, 10);
  EXPECT_EQ(locator().locate("bob", "").answer, Answer::NotHere);
}

TEST_F(FallbackTest, AlwaysScansWhenTheMachineKeepsNoRecords) {
  scan.owned[1000] = {"pts/4"};
  ttys.add("pts/4", 1000, true, 10);
  EXPECT_EQ(locator(true).locate("bob", "").tty, "pts/4");
  EXPECT_EQ(locator(true).locate("eve", "").answer, Answer::NotHere);
}

TEST_F(FallbackTest, ScannedAndRecordedTerminalsMergeAndTheLeastIdleWins) {
  utmp.add("bob", "/dev/pts/1");
  logind.add("bob", "pts/1");
  logind.add("bob", "");
  scan.owned[1000] = {"pts/1", "pts/3"};
  ttys.add("pts/1", 1000, true, 10);
  ttys.add("pts/3", 1000, true, 40);
  const UserLocator l = locator();
  EXPECT_EQ(l.lines_of("bob"), (std::vector<std::string>{"pts/1", "pts/3"}));
  EXPECT_EQ(l.locate("bob", "").tty, "pts/3");
  EXPECT_EQ(l.locate("bob", "pts/1").tty, "pts/1");  // a requested tty the scan found counts
}

TEST_F(FallbackTest, ScannedTerminalWithMesgNIsPermissionDenied) {
  logind.add("bob", "");
  scan.owned[1000] = {"pts/2"};
  ttys.add("pts/2", 1000, false, 10);
  EXPECT_EQ(locator().locate("bob", "").answer, Answer::PermissionDenied);
}

TEST_F(FallbackTest, ScannedTerminalNowSomeoneElsesIsIgnored) {
  logind.add("bob", "");
  scan.owned[1000] = {"pts/2"};  // changed hands between the scan and the probe
  ttys.add("pts/2", 1001, true, 10);
  EXPECT_EQ(locator().locate("bob", "").answer, Answer::NotHere);
}

TEST_F(FallbackTest, ClosedSessionRecordsDoNotTriggerTheScan) {
  logind.add("bob", "", false);
  scan.owned[1000] = {"pts/2"};
  ttys.add("pts/2", 1000, true, 10);
  EXPECT_EQ(locator().locate("bob", "").answer, Answer::NotHere);
}

}  // namespace
}  // namespace talk::talkd
