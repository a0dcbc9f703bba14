// Integration tests: whole talk sessions over real loopback UDP (an in-test daemon) and TCP.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <clocale>
#include <functional>
#include <future>
#include <thread>

#include "platform/clock.hpp"
#include "talk/client_setup.hpp"
#include "talk/session.hpp"
#include "talk/session_fakes.hpp"
#include "talk/session_user.hpp"
#include "talk/test_daemon.hpp"

namespace talk::testing {
namespace {

using namespace std::chrono_literals;
using proto::RequestType;

class SessionIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) GTEST_SKIP() << "no C.UTF-8 locale";
  }
};

TEST_F(SessionIntegration, TwoUsersTalkAndHangUp) {
  TestDaemon daemon;
  User alice("alice", "bob", daemon.port());
  User bob("bob", "alice", daemon.port());
  alice.start();
  ASSERT_TRUE(eventually([&] { return alice.shows("[Waiting for your party to respond]"); }))
      << alice.screen.text();
  EXPECT_EQ(daemon.count(RequestType::Announce), 1);
  EXPECT_EQ(daemon.count(RequestType::LeaveInvite), 1);
  bob.start();
  ASSERT_TRUE(eventually([&] { return bob.shows("[Connection established]"); }))
      << bob.screen.text();
  ASSERT_TRUE(eventually([&] { return alice.shows("[Connection established]"); }));
  // The caller deletes both invitations once connected.
  EXPECT_TRUE(eventually([&] { return daemon.count(RequestType::Delete) == 2; }));

  alice.type(
      "h\xc3\xa9llo w\xc3\xb6rld \xe2\x80\x94 \xe2\x9c\x93 \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\n");
  EXPECT_TRUE(eventually([&] {
    return bob.screen.peer_text().find(
               "h\xc3\xa9llo w\xc3\xb6rld \xe2\x80\x94 \xe2\x9c\x93 "
               "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e") != std::string::npos;
  })) << bob.screen.text();
  bob.type(
      "typo\x7f\x7f\x7f\x7f"
      "answer\n");
  EXPECT_TRUE(eventually([&] { return alice.screen.peer_text().find("answer\n") == 0; }))
      << alice.screen.text();

  alice.signals.raise();
  ASSERT_TRUE(eventually([&] { return alice.finished(); }));
  const auto alice_result = alice.result.get();
  EXPECT_EQ(alice_result.exit_code, 0);
  EXPECT_EQ(alice_result.message, "Connection closing. Exiting");
  ASSERT_TRUE(eventually([&] { return bob.shows("[Connection closed. Press any key to exit]"); }));
  EXPECT_TRUE(bob.shows("h\xc3\xa9llo")) << "the peer's text stays readable";
  EXPECT_FALSE(bob.finished());
  bob.type("\x10");  // a scroll key does not end it
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(bob.finished());
  bob.type("q");
  ASSERT_TRUE(eventually([&] { return bob.finished(); }));
  EXPECT_EQ(bob.result.get().exit_code, 0);
}

TEST_F(SessionIntegration, SuspendKeyGivesTheTerminalBackAndTheTalkGoesOn) {
  TestDaemon daemon;
  User alice("alice", "bob", daemon.port());
  User bob("bob", "alice", daemon.port());
  alice.start();
  ASSERT_TRUE(eventually([&] { return alice.shows("[Waiting for your party to respond]"); }));
  bob.start();
  ASSERT_TRUE(eventually([&] { return alice.shows("[Connection established]"); }));
  alice.signals.raise('z');
  // The screen is handed back before the process stops, and the session is not ended.
  ASSERT_TRUE(eventually([&] { return alice.signals.stops() == 1; }));
  EXPECT_EQ(alice.screen.suspends(), 1);
  EXPECT_FALSE(alice.finished());
  bob.type("while you were away\n");
  EXPECT_TRUE(eventually([&] { return alice.screen.peer_text().find("while you were away") == 0; }))
      << alice.screen.text();
  alice.type("back\n");
  EXPECT_TRUE(eventually([&] { return bob.screen.peer_text().find("back") == 0; }))
      << bob.screen.text();
}

TEST_F(SessionIntegration, ConnectsQuicklyWhenOnePacketInFiveIsLost) {
  for (int round = 0; round < 3; ++round) {
    TestDaemon daemon(5);
    User alice("alice", "bob", daemon.port());
    User bob("bob", "alice", daemon.port());
    const auto start = std::chrono::steady_clock::now();
    alice.start();
    ASSERT_TRUE(eventually([&] { return alice.shows("[Waiting for your party to respond]"); }));
    bob.start();
    ASSERT_TRUE(eventually([&] { return bob.shows("[Connection established]"); }));
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    EXPECT_LT(daemon.requests().size(), 24u) << "no flooding";
  }
}

TEST_F(SessionIntegration, MissingDaemonFailsAtOnceWithAHint) {
  User alice("alice", "bob", closed_port());
  const auto start = std::chrono::steady_clock::now();
  alice.start();
  ASSERT_TRUE(eventually([&] { return alice.finished(); }, 3s));
  const auto result = alice.result.get();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.message, "Error on read from talk daemon: Connection refused");
  EXPECT_NE(result.detail.find("Start talkd"), std::string::npos);
}

TEST_F(SessionIntegration, InterruptWhileRingingDeletesTheInvitations) {
  TestDaemon daemon;
  User alice("alice", "bob", daemon.port());
  alice.start();
  ASSERT_TRUE(eventually([&] { return alice.shows("[Waiting for your party to respond]"); }));
  alice.signals.raise();
  ASSERT_TRUE(eventually([&] { return alice.finished(); }));
  EXPECT_EQ(alice.result.get().message, "Connection closing. Exiting");
  EXPECT_EQ(daemon.count(RequestType::Delete), 2);
}

TEST_F(SessionIntegration, OtalkOnlyDaemonIsUsed) {
  // The ntalk port is closed; the daemon on the otalk port speaks only 76-byte messages.
  TestDaemon daemon(0, true);
  const std::uint16_t ntalk = closed_port();
  User alice("alice", "bob", ntalk, daemon.port());
  User bob("bob", "alice", ntalk, daemon.port());
  alice.start();
  ASSERT_TRUE(eventually([&] { return alice.shows("[Waiting for your party to respond]"); }))
      << alice.screen.text();
  bob.start();
  ASSERT_TRUE(eventually([&] { return bob.shows("[Connection established]"); }))
      << bob.screen.text();
  alice.type("old\n");
  EXPECT_TRUE(eventually([&] { return bob.screen.peer_text().find("old") == 0; }));
}

}  // namespace
}  // namespace talk::testing
