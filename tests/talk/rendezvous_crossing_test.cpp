// Unit tests: the invitation is stored before the ring, crossing calls meet, and when both sides
// connect at once both keep the same connection; on scripted lossy networks with a fake clock.
#include <gtest/gtest.h>

#include <algorithm>

#include "talk/rendezvous_pair_sim.hpp"
#include "talk/rendezvous_sim.hpp"

namespace talk::client::testing {
namespace {

// alice calls bob; bob answers 0.2 s after his terminal rings (once).
struct Answered {
  bool all_stored = true;
  bool connected = false;
  Millis took{0};
  int datagrams = 0;
};

Answered call_and_answer(PairSim& sim) {
  Answered out;
  sim.on_announce = [&](int, bool stored) { out.all_stored = out.all_stored && stored; };
  sim.on_ring = [&](int host) {
    if (host != 1 || sim.client(1).started) return;
    sim.at(sim.now + 200ms, [&] { sim.start(1); });
  };
  sim.start(0);
  EXPECT_TRUE(sim.run(40s));
  auto& a = sim.client(0);
  auto& b = sim.client(1);
  out.connected = a.chosen && b.chosen;
  EXPECT_TRUE(out.connected);
  EXPECT_EQ(a.chosen, b.chosen) << "both ends keep the same connection";
  if (out.connected) {
    out.took = std::chrono::duration_cast<Millis>(std::max(*a.connected_at, *b.connected_at) -
                                                  TimePoint{});
  }
  out.datagrams = sim.datagrams();
  return out;
}

TEST(RendezvousCrossing, InvitationIsLeftBeforeTheCalleeIsRung) {
  Sim sim;
  sim.start();
  ASSERT_EQ(sim.seen.size(), 3u);
  EXPECT_EQ(sim.seen[0].msg.type, RequestType::LookUp);
  EXPECT_EQ(sim.seen[1].msg.type, RequestType::LeaveInvite);
  EXPECT_EQ(sim.seen[1].channel.host, DaemonHost::Local);
  EXPECT_EQ(sim.seen[2].msg.type, RequestType::Announce);
  EXPECT_EQ(sim.seen[2].channel.host, DaemonHost::Remote);
}

TEST(RendezvousCrossing, ALossAnywhereStillConnectsAtOnce) {
  PairSim lossless(1, 0.0);
  const auto base = call_and_answer(lossless);
  ASSERT_TRUE(base.connected);
  for (int nth = 1; nth <= base.datagrams * 2; ++nth) {  // requests and replies
    PairSim sim(1, 0.0);
    sim.drop_nth = nth;
    const auto got = call_and_answer(sim);
    EXPECT_TRUE(got.all_stored) << "rung before the invitation was stored, loss " << nth;
    EXPECT_LE(got.took, base.took + 2500ms) << "loss " << nth;
  }
}

TEST(RendezvousCrossing, TwentyPercentLossAlwaysConnects) {
  PairSim lossless(1, 0.0);
  const int base = call_and_answer(lossless).datagrams;
  std::vector<Millis> took;
  int datagrams = 0;
  for (unsigned seed = 1; seed <= 200; ++seed) {
    PairSim sim(seed, 0.2);
    const auto got = call_and_answer(sim);
    ASSERT_TRUE(got.connected) << "seed " << seed;
    took.push_back(got.took);
    datagrams += got.datagrams;
  }
  std::sort(took.begin(), took.end());
  EXPECT_LE(took[took.size() / 2], 1200ms) << "median time to connect";
  EXPECT_LE(datagrams, 3 * base * 200) << "datagrams against the lossless exchange";
}

TEST(RendezvousCrossing, CrossingCallsMeetAndKeepOneConnection) {
  int simultaneous = 0;
  for (const double loss : {0.0, 0.2}) {
    for (const auto offset : {0ms, 10ms, 100ms, 1000ms, 5000ms}) {
      for (unsigned seed = 1; seed <= 60; ++seed) {
        PairSim sim(seed, loss);
        sim.start(0);
        sim.at(sim.now + offset, [&] { sim.start(1); });
        ASSERT_TRUE(sim.run(45s)) << "loss " << loss << " offset " << offset.count();
        auto& a = sim.client(0);
        auto& b = sim.client(1);
        ASSERT_TRUE(a.chosen && b.chosen) << "seed " << seed;
        EXPECT_EQ(*a.chosen, *b.chosen) << "seed " << seed << " offset " << offset.count();
        if (loss < 0.01) {
          EXPECT_LE(*a.connected_at - TimePoint{}, offset + 4s);
        }
        if (a.connects_started > 0 && b.connects_started > 0) ++simultaneous;
      }
    }
  }
  EXPECT_GT(simultaneous, 20) << "both sides connecting at once was exercised";
}

TEST(RendezvousCrossing, ADatagramAFirewallDropsIsRetransmittedNotFatal) {
  Sim sim;
  sim.silent[1][0] = true;
  sim.start();
  sim.r.on_channel_error({DaemonHost::Remote, Dialect::Ntalk},
                         std::make_error_code(std::errc::operation_not_permitted), sim.now);
  sim.pump();
  EXPECT_FALSE(sim.has(Kind::Failed));
  sim.silent[1][0] = false;
  ASSERT_TRUE(sim.run_until([&] { return sim.r.phase() == Phase::Ringing; }, 2s));
}

TEST(RendezvousCrossing, OurOwnInvitationIsNotACrossingCall) {
  Sim sim;
  sim.start();
  sim.invitation = kListen;
  ASSERT_FALSE(sim.run_until([&] { return sim.has(Kind::Connect); }, 20s));
  EXPECT_GE(sim.requests(RequestType::LookUp).size(), 4u) << "checked while ringing";
}

TEST(RendezvousCrossing, AStaleCrossingInvitationIsDeletedAndRingingGoesOn) {
  Sim sim;
  sim.start();
  sim.invitation = kCallerTcp;
  ASSERT_TRUE(sim.run_until([&] { return sim.has(Kind::Connect); }, 2s));
  EXPECT_EQ(sim.r.phase(), Phase::Crossing);
  sim.invitation.reset();
  sim.r.on_connect_result(std::make_error_code(std::errc::connection_refused), sim.now);
  sim.pump();
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
  ASSERT_EQ(sim.requests(RequestType::Delete).size(), 1u);
  EXPECT_EQ(sim.requests(RequestType::Delete)[0].channel.host, DaemonHost::Remote);
  ASSERT_TRUE(sim.run_until([&] { return sim.requests(RequestType::Announce).size() == 2; }, 35s));
}

// kListen (ours) is 10.0.0.1:40000; kCallerTcp (theirs) 10.0.0.2:41000 is higher.
TEST(RendezvousCrossing, LowerListenerWaitsForTheirConnectionThenKeepsIt) {
  Sim sim;
  sim.start();
  sim.invitation = kCallerTcp;
  ASSERT_TRUE(sim.run_until([&] { return sim.has(Kind::Connect); }, 2s));
  sim.r.on_connect_result({}, sim.now);
  sim.pump();
  EXPECT_FALSE(sim.has(Kind::Connected)) << "theirs to us would survive";
  sim.now += 100ms;
  sim.r.on_accepted(sim.now);
  sim.pump();
  ASSERT_TRUE(sim.has(Kind::Connected));
  EXPECT_EQ(sim.find(Kind::Connected)->stream, Stream::Accepted);
}

TEST(RendezvousCrossing, LowerListenerKeepsItsOwnConnectionAfterTheGrace) {
  Sim sim;
  sim.start();
  sim.invitation = kCallerTcp;
  ASSERT_TRUE(sim.run_until([&] { return sim.has(Kind::Connect); }, 2s));
  const TimePoint connected = sim.now;
  sim.r.on_connect_result({}, sim.now);
  sim.pump();
  ASSERT_TRUE(sim.run_until([&] { return sim.has(Kind::Connected); }, 2s));
  EXPECT_EQ(sim.find(Kind::Connected)->stream, Stream::Outgoing);
  EXPECT_GE(sim.now - connected, 500ms);
  EXPECT_EQ(sim.r.phase(), Phase::Connected);
}

TEST(RendezvousCrossing, HigherListenerKeepsItsOwnConnectionOrElseTheirs) {
  for (const bool ours_connects : {true, false}) {
    Sim sim;
    sim.start();
    sim.invitation = platform::Ipv4Endpoint{0x0a000000, 1};  // lower than ours
    ASSERT_TRUE(sim.run_until([&] { return sim.has(Kind::Connect); }, 2s));
    sim.r.on_accepted(sim.now);
    sim.pump();
    EXPECT_FALSE(sim.has(Kind::Connected)) << "ours to them would survive";
    sim.r.on_connect_result(
        ours_connects ? std::error_code{} : std::make_error_code(std::errc::connection_refused),
        sim.now);
    sim.pump();
    ASSERT_TRUE(sim.has(Kind::Connected));
    EXPECT_EQ(sim.find(Kind::Connected)->stream,
              ours_connects ? Stream::Outgoing : Stream::Accepted);
  }
}

}  // namespace
}  // namespace talk::client::testing
