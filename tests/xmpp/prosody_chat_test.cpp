// Two chat sessions over libstrophe through a real prosody (started by prosody_fixture.py):
// login with TLS and SCRAM, ring and answer, real-time text both ways, leaving; and the
// refusals: an unverifiable certificate by default, a wrong password.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "xmpp/chat_session.hpp"
#include "xmpp/strophe/strophe_connection.hpp"

namespace talk::xmpp {
namespace {

using Clock = std::chrono::steady_clock;

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

Account account_for(const std::string& user, TlsMode tls) {
  Account account;
  account.jid = *parse_jid(user + "@" + env("TALK_XMPP_DOMAIN"));
  account.server = "127.0.0.1";
  account.port = static_cast<std::uint16_t>(std::stoi(env("TALK_XMPP_PORT")));
  account.tls = tls;
  return account;
}

struct Party {
  Party(const std::string& user, const std::string& peer, TlsMode tls = TlsMode::Unverified)
      : account(account_for(user, tls)),
        session(connection, ChatSettings{account.jid, *parse_jid(peer + "@localhost"), 7,
                                         std::chrono::milliseconds(30000)}) {}

  void step(Clock::time_point now) {
    connection.pump();
    session.poll(now);
    for (ChatEvent& e : session.take_events()) {
      if (e.kind == ChatEventKind::PeerText) peer_text += e.text;
      if (e.kind == ChatEventKind::PeerTyping) typing = e.text;
      if (e.kind == ChatEventKind::Disconnected) disconnect_reason = e.text, disconnected = true;
      if (e.kind == ChatEventKind::PeerLeft) peer_left = true;
    }
  }

  Account account;
  strophe::StropheConnection connection;
  ChatSession session;
  std::string peer_text;
  std::string typing;
  std::string disconnect_reason;
  bool disconnected = false;
  bool peer_left = false;
};

// Runs both parties' loops until `done` holds, for at most 20 seconds.
template <typename Done>
bool run_until(Party& a, Party* b, Done done) {
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (Clock::now() < deadline) {
    a.step(Clock::now());
    if (b != nullptr) b->step(Clock::now());
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

class ProsodyChat : public ::testing::Test {
 protected:
  void SetUp() override {
    if (env("TALK_XMPP_PORT").empty()) GTEST_SKIP() << "needs prosody_fixture.py";
  }
  bool start(Party& p, const std::string& password) {
    std::string error;
    const bool ok = p.session.start(p.account, password, error);
    EXPECT_TRUE(ok) << error;
    return ok;
  }
};

TEST_F(ProsodyChat, RingAnswerRealTimeTextBothWaysAndLeave) {
  Party alice("alice", "bob");
  Party bob("bob", "alice");
  ASSERT_TRUE(start(alice, env("TALK_XMPP_ALICE_PASSWORD")));
  ASSERT_TRUE(run_until(alice, nullptr, [&] { return alice.session.online(); }))
      << alice.disconnect_reason;
  // Logged in, the poll loop may wait on libstrophe's socket; the timer is only a safety net.
  EXPECT_GE(alice.connection.descriptor(), 0);
  EXPECT_EQ(alice.connection.max_wait(), strophe::kIdlePumpInterval);
  ASSERT_TRUE(start(bob, env("TALK_XMPP_BOB_PASSWORD")));
  ASSERT_TRUE(run_until(alice, &bob, [&] {
    return alice.session.answered() && bob.session.answered();
  })) << "both sides ring; each counts the other's ring or answer";

  alice.session.type("hello wörld", Clock::now());
  ASSERT_TRUE(run_until(alice, &bob, [&] { return bob.peer_text == "hello wörld"; }))
      << "a word arrives before Enter: " << bob.peer_text;
  EXPECT_EQ(bob.typing, "typing");
  alice.session.erase_word(Clock::now());
  alice.session.type("there", Clock::now());
  ASSERT_TRUE(run_until(alice, &bob, [&] { return bob.peer_text.ends_with("there"); }));
  alice.session.enter(Clock::now());
  ASSERT_TRUE(run_until(alice, &bob, [&] { return bob.peer_text.ends_with("\n"); }));
  EXPECT_EQ(bob.peer_text, "hello wörld\x7f\x7f\x7f\x7f\x7fthere\n");

  bob.session.type("日本語 ✓", Clock::now());
  ASSERT_TRUE(run_until(alice, &bob, [&] { return alice.peer_text == "日本語 ✓"; }))
      << alice.peer_text;
  bob.session.kill(Clock::now());
  ASSERT_TRUE(
      run_until(alice, &bob, [&] { return alice.peer_text.ends_with("\x7f\x7f\x7f\x7f\x7f"); }));
  EXPECT_EQ(alice.peer_text, "日本語 ✓" + std::string(5, '\x7f'));

  alice.session.quit();
  ASSERT_TRUE(run_until(alice, &bob, [&] { return bob.peer_left && alice.disconnected; }));
  EXPECT_EQ(alice.disconnect_reason, "");
  EXPECT_EQ(alice.connection.descriptor(), -1);
  bob.session.quit();
  ASSERT_TRUE(run_until(bob, nullptr, [&] { return bob.disconnected; }));
}

TEST_F(ProsodyChat, AnUnverifiableCertificateIsRefusedByDefault) {
  Party alice("alice", "bob", TlsMode::StartTls);
  ASSERT_TRUE(start(alice, env("TALK_XMPP_ALICE_PASSWORD")));
  ASSERT_TRUE(run_until(alice, nullptr, [&] { return alice.disconnected; }));
  EXPECT_FALSE(alice.session.answered());
  EXPECT_NE(alice.disconnect_reason, "");
}

TEST_F(ProsodyChat, AWrongPasswordIsRefused) {
  Party alice("alice", "bob");
  ASSERT_TRUE(start(alice, "not the password"));
  ASSERT_TRUE(run_until(alice, nullptr, [&] { return alice.disconnected; }));
  EXPECT_NE(alice.disconnect_reason, "");
}

}  // namespace
}  // namespace talk::xmpp
