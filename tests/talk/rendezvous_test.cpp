// Unit tests: the rendezvous sequence against scripted daemons and a fake clock.
#include <gtest/gtest.h>

#include "talk/rendezvous_sim.hpp"

namespace talk::client::testing {
namespace {

TEST(Rendezvous, WaitingInvitationIsConnectedTo) {
  Sim sim;
  sim.invitation = kCallerTcp;
  sim.start();
  ASSERT_EQ(sim.seen.size(), 1u);
  EXPECT_EQ(sim.seen[0].channel, (Channel{DaemonHost::Remote, Dialect::Ntalk}));
  EXPECT_EQ(sim.seen[0].msg.l_name, "alice");
  EXPECT_EQ(sim.seen[0].msg.r_name, "bob");
  EXPECT_EQ(sim.seen[0].msg.pid, 4242);
  EXPECT_EQ(sim.seen[0].msg.ctl_addr, proto::make_inet_addr(0x0a000001, 30002));
  const auto connect = sim.find(Kind::Connect);
  ASSERT_TRUE(connect);
  EXPECT_EQ(connect->endpoint, kCallerTcp);
  sim.r.on_connect_result({}, sim.now);
  sim.pump();
  EXPECT_TRUE(sim.has(Kind::Connected));
  EXPECT_EQ(sim.r.phase(), Phase::Connected);
  EXPECT_TRUE(sim.r.idle());
}

TEST(Rendezvous, StaleInvitationIsDeletedThenWeRing) {
  Sim sim;
  sim.invitation = kCallerTcp;
  sim.start();
  sim.invitation.reset();
  sim.r.on_connect_result(std::make_error_code(std::errc::connection_refused), sim.now);
  sim.pump();
  const auto deletes = sim.requests(RequestType::Delete);
  ASSERT_EQ(deletes.size(), 1u);
  EXPECT_EQ(deletes[0].msg.id_num, 7u);  // the LOOK_UP reply's id
  EXPECT_EQ(deletes[0].channel.host, DaemonHost::Remote);
  EXPECT_EQ(sim.requests(RequestType::Announce).size(), 1u);
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
}

TEST(Rendezvous, InviteRingsAgainWithHigherIdsAndDeletesBothOnAccept) {
  Sim sim;
  sim.start();
  auto announces = sim.requests(RequestType::Announce);
  ASSERT_EQ(announces.size(), 1u);
  EXPECT_EQ(announces[0].channel.host, DaemonHost::Remote);
  EXPECT_EQ(announces[0].msg.id_num, 0xffffffffu);
  EXPECT_EQ(announces[0].msg.addr, proto::make_inet_addr(kListen.address, kListen.port));
  const auto invites = sim.requests(RequestType::LeaveInvite);
  ASSERT_EQ(invites.size(), 1u);
  EXPECT_EQ(invites[0].channel.host, DaemonHost::Local);
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
  const std::uint32_t remote_id = 9;  // LOOK_UP got 7, LEAVE_INVITE 8, ANNOUNCE 9
  ASSERT_TRUE(sim.run_until([&] { return sim.requests(RequestType::Announce).size() == 2; }, 31s));
  EXPECT_GE(sim.now, TimePoint{} + 30s);
  announces = sim.requests(RequestType::Announce);
  EXPECT_EQ(announces[1].msg.id_num, remote_id + 1);
  EXPECT_EQ(sim.events.back().text, "Ringing your party again");
  // Checks for a crossing call at 1, 3, 7, 11, ..., 27 and 30 s got ids 10 to 18; the re-ring's
  // LEAVE_INVITE got 19 and its ANNOUNCE 20.
  sim.r.on_accepted(sim.now);
  sim.pump();
  EXPECT_TRUE(sim.has(Kind::Connected));
  const auto deletes = sim.requests(RequestType::Delete);
  ASSERT_EQ(deletes.size(), 2u);
  EXPECT_EQ(deletes[0].channel.host, DaemonHost::Remote);
  EXPECT_EQ(deletes[0].msg.id_num, 20u);
  EXPECT_EQ(deletes[1].channel.host, DaemonHost::Local);
  EXPECT_EQ(deletes[1].msg.id_num, 19u);
  EXPECT_TRUE(sim.r.idle());
}

TEST(Rendezvous, LostPacketsCostLittle) {
  for (int phase = 0; phase < 5; ++phase) {
    Sim sim;
    sim.drop_every = 5;
    for (int i = 0; i < phase; ++i) sim.drop();  // shift which packet is lost
    sim.start();
    ASSERT_TRUE(sim.run_until([&] { return sim.r.phase() == Phase::Ringing; }, 5s)) << phase;
    EXPECT_LT(sim.now - TimePoint{}, 2s) << phase;
    EXPECT_LE(sim.r.datagrams_sent(), 6) << phase;
  }
}

TEST(Rendezvous, DuplicatedAndLateRepliesAreIgnored) {
  Sim sim;
  sim.hold_replies = true;
  sim.start();
  ASSERT_EQ(sim.held.size(), 1u);
  const auto lookup_reply = sim.held[0];
  sim.held.clear();
  sim.hold_replies = false;
  sim.r.on_datagram(lookup_reply.first, lookup_reply.second, kRemoteNtalk, sim.now);
  sim.pump();
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
  const auto count = sim.seen.size();
  sim.r.on_datagram(lookup_reply.first, lookup_reply.second, kRemoteNtalk, sim.now);
  sim.pump();
  EXPECT_EQ(sim.seen.size(), count);
  EXPECT_EQ(sim.requests(RequestType::Announce).size(), 1u);
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
}

TEST(Rendezvous, WrongTypeWrongVersionAndWrongSourceAreIgnored) {
  Sim sim;
  sim.silent[1][0] = true;
  sim.start();
  const Channel remote{DaemonHost::Remote, Dialect::Ntalk};
  proto::CtlResponse resp;
  resp.type = RequestType::Announce;  // wrong type for a LOOK_UP
  resp.answer = Answer::NotHere;
  auto bytes = proto::encode(resp);
  sim.r.on_datagram(remote, bytes, kRemoteNtalk, sim.now);
  resp.type = RequestType::LookUp;
  bytes = proto::encode(resp);
  bytes[0] = 2;  // wrong version
  sim.r.on_datagram(remote, bytes, kRemoteNtalk, sim.now);
  bytes[0] = 1;
  sim.r.on_datagram(remote, bytes, {0x0a000003, 518}, sim.now);                  // wrong host
  sim.r.on_datagram(remote, bytes, {0x0a000002, 1518}, sim.now);                 // wrong port
  sim.r.on_datagram(remote, std::span(bytes).first(20), kRemoteNtalk, sim.now);  // short
  sim.pump();
  EXPECT_EQ(sim.r.phase(), Phase::LookingUp);
  sim.r.on_datagram(remote, bytes, kRemoteNtalk, sim.now);
  sim.pump();
  EXPECT_NE(sim.r.phase(), Phase::LookingUp);
}

TEST(Rendezvous, OtalkWhenTheNtalkPortIsClosed) {
  Sim sim;
  sim.refused[1][0] = true;
  sim.silent[1][1] = false;
  sim.start();
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
  const auto announces = sim.requests(RequestType::Announce);
  ASSERT_EQ(announces.size(), 1u);
  EXPECT_EQ(announces[0].channel.dialect, Dialect::Otalk);
  EXPECT_EQ(sim.requests(RequestType::LeaveInvite)[0].channel.dialect, Dialect::Ntalk);
}

TEST(Rendezvous, OtalkWhenTheNtalkDaemonIsSilent) {
  Sim sim;
  sim.silent[1][0] = true;
  sim.silent[1][1] = false;
  sim.start();
  ASSERT_TRUE(sim.run_until([&] { return sim.r.phase() == Phase::Ringing; }, 10s));
  EXPECT_LT(sim.now - TimePoint{}, 8s);
  EXPECT_EQ(sim.requests(RequestType::Announce)[0].channel.dialect, Dialect::Otalk);
  EXPECT_EQ(sim.requests(RequestType::Announce).size(), 1u) << "ntalk not retried once known";
}

TEST(Rendezvous, LostNtalkAnswersDoNotTurnAHostWithBothDaemonsToOtalk) {
  // Six seconds without an ntalk answer is loss, not a missing daemon: a switch to otalk here
  // would leave our invitation where the other side's ntalk LOOK_UP never finds it.
  Sim sim;
  sim.silent[1][0] = true;
  sim.silent[1][1] = false;
  sim.start();
  ASSERT_FALSE(sim.run_until([&] { return sim.r.phase() == Phase::Ringing; }, 6s));
  sim.silent[1][0] = false;
  ASSERT_TRUE(sim.run_until([&] { return sim.r.phase() == Phase::Ringing; }, 5s));
  for (const auto& request : sim.seen) EXPECT_EQ(request.channel.dialect, Dialect::Ntalk);
}

TEST(Rendezvous, AnnounceAsUtalkMarksOnlyTheAnnounce) {
  RendezvousConfig config = make_config();
  config.announce_as_utalk = true;
  Sim sim(config);
  sim.start();
  const auto announces = sim.requests(RequestType::Announce);
  ASSERT_EQ(announces.size(), 1u);
  EXPECT_EQ(announces[0].msg.l_name, "!alice");
  for (const auto type : {RequestType::LookUp, RequestType::LeaveInvite}) {
    const auto sent = sim.requests(type);
    ASSERT_FALSE(sent.empty());
    EXPECT_EQ(sent[0].msg.l_name, "alice") << "utalk's callee looks the invitation up by name";
  }
}

TEST(Rendezvous, AnnounceAsUtalkOverOtalkOnlyWhenTheNameFits) {
  for (const std::string name : {"alice", "longnam", "longname"}) {
    RendezvousConfig config = make_config();
    config.announce_as_utalk = true;
    config.my_name = name;
    Sim sim(config);
    sim.refused[1][0] = true;
    sim.silent[1][1] = false;
    sim.start();
    const auto announces = sim.requests(RequestType::Announce);
    ASSERT_EQ(announces.size(), 1u);
    EXPECT_EQ(announces[0].channel.dialect, Dialect::Otalk);
    EXPECT_EQ(announces[0].msg.l_name, name.size() < 8 ? "!" + name : name);
  }
}

TEST(Rendezvous, QuitWhileRingingDeletesBothInvitations) {
  Sim sim;
  sim.start();
  ASSERT_EQ(sim.r.phase(), Phase::Ringing);
  sim.r.on_quit(sim.now);
  sim.pump();
  EXPECT_EQ(sim.requests(RequestType::Delete).size(), 2u);
  EXPECT_TRUE(sim.r.idle());
  EXPECT_FALSE(sim.has(Kind::Connected));
}

TEST(Rendezvous, LocalTalkUsesOneDaemon) {
  auto config = make_config();
  config.same_host = true;
  Sim sim(config);
  sim.start();
  for (const auto& s : sim.seen) EXPECT_EQ(s.channel.host, DaemonHost::Local);
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
}

TEST(Rendezvous, InvitationWithABadAddressIsNotConnectedTo) {
  Sim sim;
  sim.hold_replies = true;
  sim.start();
  sim.hold_replies = false;
  proto::CtlResponse resp;
  resp.type = RequestType::LookUp;
  resp.addr = {6, 1234, 0x7f000001, {}};  // not AF_INET
  sim.r.on_datagram({DaemonHost::Remote, Dialect::Ntalk}, proto::encode(resp), kRemoteNtalk,
                    sim.now);
  sim.pump();
  EXPECT_FALSE(sim.has(Kind::Connect));
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
}

TEST(Rendezvous, OtalkRequestsCarryShortNames) {
  auto config = make_config();
  config.my_name = "averylongname";
  Sim sim(config);
  sim.refused[1][0] = true;
  sim.silent[1][1] = false;
  sim.start();
  const auto announces = sim.requests(RequestType::Announce);
  ASSERT_EQ(announces.size(), 1u);
  EXPECT_EQ(announces[0].channel.dialect, Dialect::Otalk);
  EXPECT_EQ(announces[0].msg.l_name, "averylon");
  EXPECT_EQ(sim.requests(RequestType::LeaveInvite)[0].msg.l_name, "averylongna");
}

// A conference member we were told to expect (ytalk's import): our invitation is left and kept
// fresh, nobody is rung, and the member who connects is taken.
TEST(Rendezvous, WithoutRingingOnlyTheInvitationIsLeftAndRefreshed) {
  RendezvousConfig config = make_config();
  config.ring = false;
  Sim sim(config);
  sim.start();
  EXPECT_TRUE(sim.requests(RequestType::Announce).empty());
  EXPECT_EQ(sim.requests(RequestType::LeaveInvite).size(), 1u);
  EXPECT_EQ(sim.r.phase(), Phase::Ringing);
  ASSERT_TRUE(
      sim.run_until([&] { return sim.requests(RequestType::LeaveInvite).size() == 2; }, 31s));
  EXPECT_TRUE(sim.requests(RequestType::Announce).empty());
  sim.r.on_accepted(sim.now);
  sim.pump();
  EXPECT_TRUE(sim.has(Kind::Connected));
}

}  // namespace
}  // namespace talk::client::testing
