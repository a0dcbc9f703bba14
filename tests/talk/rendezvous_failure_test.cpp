// Unit tests: rendezvous refusals, losses, missing daemons and bounded give-up.
#include <gtest/gtest.h>

#include "talk/rendezvous_sim.hpp"

namespace talk::client::testing {
namespace {

TEST(Rendezvous, EveryAnswerShowsItsClassicText) {
  Sim sim;
  sim.announce_answer = Answer::NotHere;
  sim.start();
  const auto failed = sim.find(Kind::Failed);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->text, "Your party is not logged on");
  Sim refusing;
  refusing.announce_answer = Answer::PermissionDenied;
  refusing.start();
  ASSERT_TRUE(refusing.find(Kind::Failed));
  EXPECT_EQ(refusing.find(Kind::Failed)->text, "Your party is refusing messages");
  // The invitation left before the refused ring is withdrawn.
  ASSERT_EQ(refusing.requests(RequestType::Delete).size(), 1u);
  EXPECT_EQ(refusing.requests(RequestType::Delete)[0].channel.host, DaemonHost::Local);
}

TEST(Rendezvous, LostRepliesAreRetransmittedWithBackoff) {
  Sim sim;
  sim.silent[1][0] = true;
  sim.r = Rendezvous([] {
    auto c = make_config();
    c.otalk_enabled = false;
    return c;
  }());
  sim.start();
  ASSERT_TRUE(sim.run_until([&] { return sim.r.phase() == Phase::Failed; }, 20s));
  const auto lookups = sim.requests(RequestType::LookUp);
  ASSERT_GE(lookups.size(), 4u);
  EXPECT_LT(lookups[1].at - lookups[0].at, 600ms);
  EXPECT_GT(lookups[2].at - lookups[1].at, lookups[1].at - lookups[0].at);
  for (std::size_t i = 1; i < lookups.size(); ++i) {
    EXPECT_LE(lookups[i].at - lookups[i - 1].at, 2s);
  }
  EXPECT_LE(lookups.size(), 12u) << "no flooding";
  const auto failed = sim.find(Kind::Failed);
  ASSERT_TRUE(failed);
  EXPECT_NE(failed->text.find("No answer from the talk daemon on remote.example"),
            std::string::npos);
  EXPECT_LE(sim.now - TimePoint{}, 16s);
}

TEST(Rendezvous, MissingDaemonFailsAtOnceWithAHint) {
  Sim sim;
  sim.refused[1][0] = true;
  sim.refused[1][1] = true;
  sim.start();
  const auto failed = sim.find(Kind::Failed);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->text, "Error on read from talk daemon: Connection refused");
  EXPECT_NE(failed->detail.find("talkd"), std::string::npos);
  EXPECT_EQ(sim.now, TimePoint{});
}

TEST(Rendezvous, AllRefusalsShowTheirClassicTexts) {
  const std::pair<Answer, const char*> cases[] = {
      {Answer::NotHere, "Your party is not logged on"},
      {Answer::Failed, "Target machine is too confused to talk to us"},
      {Answer::MachineUnknown, "Target machine does not recognize us"},
      {Answer::PermissionDenied, "Your party is refusing messages"},
      {Answer::UnknownRequest, "Target machine can not handle remote talk"},
      {Answer::BadVersion, "Target machine indicates protocol mismatch"},
      {Answer::BadAddr, "Target machine indicates protocol botch (addr)"},
      {Answer::BadCtlAddr, "Target machine indicates protocol botch (ctl_addr)"},
  };
  for (const auto& [answer, text] : cases) {
    Sim sim;
    sim.announce_answer = answer;
    sim.start();
    const auto failed = sim.find(Kind::Failed);
    ASSERT_TRUE(failed) << text;
    EXPECT_EQ(failed->text, text);
    EXPECT_EQ(sim.r.phase(), Phase::Failed);
  }
}

TEST(Rendezvous, RefusedReRingFailsAndWithdrawsTheInvitation) {
  Sim sim;
  sim.start();
  ASSERT_EQ(sim.r.phase(), Phase::Ringing);
  sim.announce_answer = Answer::NotHere;  // the callee logged out meanwhile
  ASSERT_TRUE(sim.run_until([&] { return sim.r.phase() == Phase::Failed; }, 31s));
  EXPECT_EQ(sim.find(Kind::Failed)->text, "Your party is not logged on");
  ASSERT_TRUE(sim.run_until([&] { return sim.r.idle(); }, 5s));
  // Both invitations go: the first ring's at the callee's daemon, and ours.
  const auto deletes = sim.requests(RequestType::Delete);
  ASSERT_EQ(deletes.size(), 2u);
  EXPECT_EQ(deletes[0].channel.host, DaemonHost::Remote);
  EXPECT_EQ(deletes[1].channel.host, DaemonHost::Local);
}

TEST(Rendezvous, CleanupOfASilentDaemonEndsInBoundedTime) {
  Sim sim;
  sim.start();
  sim.silent[0][0] = sim.silent[1][0] = true;
  sim.r.on_quit(sim.now);
  sim.pump();
  ASSERT_TRUE(sim.run_until([&] { return sim.r.idle(); }, 5s));
  EXPECT_LE(sim.now - TimePoint{}, 4s);
  EXPECT_LE(sim.requests(RequestType::Delete).size(), 16u);
  EXPECT_FALSE(sim.has(Kind::Failed)) << "a lost DELETE is not an error";
}

}  // namespace
}  // namespace talk::client::testing
