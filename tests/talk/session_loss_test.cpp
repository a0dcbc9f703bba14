// Integration tests: whole talk sessions through a daemon on real loopback UDP that loses a fifth
// of the datagrams, and crossing calls (each user calling the other at once) over real TCP.
#include <gtest/gtest.h>

#include <algorithm>
#include <clocale>

#include "talk/session_user.hpp"
#include "talk/test_daemon.hpp"

namespace talk::testing {
namespace {

using proto::RequestType;

class SessionLoss : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) GTEST_SKIP() << "no C.UTF-8 locale";
  }
};

// Both users see each other's line: they hold the same connection.
void expect_one_conversation(User& alice, User& bob) {
  alice.type("from alice\n");
  bob.type("from bob\n");
  EXPECT_TRUE(eventually([&] { return bob.screen.peer_text().find("from alice") == 0; }))
      << bob.screen.text();
  EXPECT_TRUE(eventually([&] { return alice.screen.peer_text().find("from bob") == 0; }))
      << alice.screen.text();
}

TEST_F(SessionLoss, TenCallsConnectWhenAFifthOfTheDatagramsIsLost) {
  for (unsigned round = 1; round <= 10; ++round) {
    TestDaemon daemon(0, false, 0.2, round);
    User alice("alice", "bob", daemon.port());
    User bob("bob", "alice", daemon.port());
    alice.start();
    // bob answers 0.2 s after his terminal rings.
    ASSERT_TRUE(eventually([&] { return daemon.count(RequestType::Announce) > 0; }, 10s));
    const auto seen = daemon.requests();
    const auto announce = std::find_if(seen.begin(), seen.end(),
                                       [](auto& m) { return m.type == RequestType::Announce; });
    EXPECT_TRUE(std::any_of(seen.begin(), announce,
                            [](auto& m) { return m.type == RequestType::LeaveInvite; }))
        << "the invitation is stored before the ring, round " << round;
    std::this_thread::sleep_for(200ms);
    bob.start();
    ASSERT_TRUE(eventually([&] { return bob.shows("[Connection established]"); }, 15s))
        << "round " << round << "\n"
        << bob.screen.text();
    ASSERT_TRUE(eventually([&] { return alice.shows("[Connection established]"); }, 15s))
        << "round " << round << "\n"
        << alice.screen.text();
    expect_one_conversation(alice, bob);
    EXPECT_LT(daemon.requests().size(), 40u) << "no flooding, round " << round;
  }
}

TEST_F(SessionLoss, CrossingCallsMeetOnOneConnection) {
  for (const double loss : {0.0, 0.2}) {
    for (unsigned round = 1; round <= 3; ++round) {
      TestDaemon daemon(0, false, loss, round);
      User alice("alice", "bob", daemon.port());
      User bob("bob", "alice", daemon.port());
      alice.start();
      bob.start();
      ASSERT_TRUE(eventually([&] { return alice.shows("[Connection established]"); }, 20s))
          << "loss " << loss << " round " << round << "\n"
          << alice.screen.text();
      ASSERT_TRUE(eventually([&] { return bob.shows("[Connection established]"); }, 20s))
          << bob.screen.text();
      expect_one_conversation(alice, bob);
      EXPECT_FALSE(alice.shows("Connection closed"));
      EXPECT_FALSE(bob.shows("Connection closed"));
    }
  }
}

}  // namespace
}  // namespace talk::testing
