// Unit tests: the rendezvous state machine against scripted daemons and a fake clock.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>

#include "protocol/codec.hpp"
#include "talk/rendezvous.hpp"

namespace talk::client {
namespace {

using namespace std::chrono_literals;
using proto::Answer;
using proto::RequestType;
using Kind = RendezvousAction::Kind;

constexpr platform::Ipv4Endpoint kLocalNtalk{0x7f000001, 518};
constexpr platform::Ipv4Endpoint kLocalOtalk{0x7f000001, 517};
constexpr platform::Ipv4Endpoint kRemoteNtalk{0x0a000002, 518};
constexpr platform::Ipv4Endpoint kRemoteOtalk{0x0a000002, 517};
constexpr platform::Ipv4Endpoint kListen{0x0a000001, 40000};
constexpr platform::Ipv4Endpoint kCallerTcp{0x0a000002, 41000};

RendezvousConfig make_config() {
  RendezvousConfig c;
  c.my_name = "alice";
  c.peer_name = "bob";
  c.pid = 4242;
  c.daemon[0][0] = kLocalNtalk;
  c.daemon[0][1] = kLocalOtalk;
  c.daemon[1][0] = kRemoteNtalk;
  c.daemon[1][1] = kRemoteOtalk;
  c.ctl_addr[0][0] = {0x7f000001, 30000};
  c.ctl_addr[0][1] = {0x7f000001, 30001};
  c.ctl_addr[1][0] = {0x0a000001, 30002};
  c.ctl_addr[1][1] = {0x0a000001, 30003};
  c.listen_addr = kListen;
  c.remote_host_name = "remote.example";
  return c;
}

// One request as the scripted network saw it.
struct Seen {
  Channel channel;
  proto::CtlMessage msg;
  TimePoint at;
};

// A scripted network of daemons, with a fake clock and an optional loss pattern.
class Sim {
 public:
  explicit Sim(RendezvousConfig config = make_config()) : r(std::move(config)) {}

  Rendezvous r;
  TimePoint now{};
  std::vector<Seen> seen;
  std::vector<RendezvousAction> events;  // everything but Send
  // Per channel [host][dialect]: how the daemon behaves.
  bool silent[2][2] = {{false, true}, {false, true}};
  bool refused[2][2] = {{false, false}, {false, false}};
  std::optional<platform::Ipv4Endpoint> invitation;  // waiting on the remote daemon
  Answer announce_answer = Answer::Success;
  int drop_every = 0;  // drop every Nth datagram (requests and replies)
  std::uint32_t next_id = 7;
  bool hold_replies = false;
  std::vector<std::pair<Channel, std::vector<std::uint8_t>>> held;

  void start() {
    r.start(now);
    pump();
  }

  bool drop() { return drop_every > 0 && ++packets_ % drop_every == 0; }

  static platform::Ipv4Endpoint endpoint(Channel c) {
    const platform::Ipv4Endpoint table[2][2] = {{kLocalNtalk, kLocalOtalk},
                                                {kRemoteNtalk, kRemoteOtalk}};
    return table[static_cast<int>(c.host)][static_cast<int>(c.dialect)];
  }

  void pump() {
    for (int guard = 0; guard < 1000; ++guard) {
      auto actions = r.take_actions();
      if (actions.empty()) return;
      for (auto& a : actions) {
        if (a.kind != Kind::Send) {
          events.push_back(a);
          continue;
        }
        handle(a.channel, a.bytes);
      }
    }
    FAIL() << "actions never settled";
  }

  void handle(Channel c, const std::vector<std::uint8_t>& bytes) {
    const int h = static_cast<int>(c.host);
    const int d = static_cast<int>(c.dialect);
    proto::CtlMessage msg;
    if (c.dialect == Dialect::Ntalk) {
      EXPECT_EQ(bytes.size(), proto::kCtlMsgSize);
      msg = *proto::decode_ctl_message(bytes).message;
    } else {
      EXPECT_EQ(bytes.size(), proto::kOctlMsgSize);
      msg = proto::to_ctl_message(*proto::decode_otalk_message(bytes).message);
    }
    seen.push_back({c, msg, now});
    if (refused[h][d]) {
      r.on_channel_error(c, std::make_error_code(std::errc::connection_refused), now);
      return;
    }
    if (silent[h][d] || drop()) return;
    proto::CtlResponse resp;
    resp.type = msg.type;
    resp.id_num = next_id++;
    switch (msg.type) {
      case RequestType::LookUp:
        if (invitation) {
          resp.addr = proto::make_inet_addr(invitation->address, invitation->port);
        } else {
          resp.answer = Answer::NotHere;
        }
        break;
      case RequestType::Announce:
        resp.answer = announce_answer;
        break;
      default:
        break;
    }
    reply(c, resp);
  }

  void reply(Channel c, const proto::CtlResponse& resp) {
    if (drop()) return;
    std::vector<std::uint8_t> bytes;
    if (c.dialect == Dialect::Ntalk) {
      const auto b = proto::encode(resp);
      bytes.assign(b.begin(), b.end());
    } else {
      const auto b = proto::encode(proto::to_otalk_response(resp));
      bytes.assign(b.begin(), b.end());
    }
    if (hold_replies) {
      held.emplace_back(c, bytes);
      return;
    }
    r.on_datagram(c, bytes, endpoint(c), now);
  }

  // Advances the fake clock from deadline to deadline until `done` or `limit` passes.
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const TimePoint end = now + limit;
    while (!done()) {
      const auto next = r.next_deadline();
      if (!next || *next > end) return false;
      now = std::max(now, *next);
      r.on_timer(now);
      pump();
    }
    return true;
  }

  bool has(Kind kind) const {
    return std::any_of(events.begin(), events.end(), [&](auto& e) { return e.kind == kind; });
  }
  std::optional<RendezvousAction> find(Kind kind) const {
    for (const auto& e : events) {
      if (e.kind == kind) return e;
    }
    return std::nullopt;
  }
  std::vector<Seen> requests(RequestType type) const {
    std::vector<Seen> out;
    for (auto& s : seen) {
      if (s.msg.type == type) out.push_back(s);
    }
    return out;
  }

 private:
  int packets_ = 0;
};

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
  const std::uint32_t remote_id = 8;  // LOOK_UP got 7, ANNOUNCE 8, LEAVE_INVITE 9
  ASSERT_TRUE(sim.run_until([&] { return sim.requests(RequestType::Announce).size() == 2; }, 31s));
  EXPECT_GE(sim.now, TimePoint{} + 30s);
  announces = sim.requests(RequestType::Announce);
  EXPECT_EQ(announces[1].msg.id_num, remote_id + 1);
  EXPECT_EQ(sim.events.back().text, "Ringing your party again");
  // The re-ring got ANNOUNCE id 10 and LEAVE_INVITE id 11.
  sim.r.on_accepted(sim.now);
  sim.pump();
  EXPECT_TRUE(sim.has(Kind::Connected));
  const auto deletes = sim.requests(RequestType::Delete);
  ASSERT_EQ(deletes.size(), 2u);
  EXPECT_EQ(deletes[0].channel.host, DaemonHost::Remote);
  EXPECT_EQ(deletes[0].msg.id_num, 10u);
  EXPECT_EQ(deletes[1].channel.host, DaemonHost::Local);
  EXPECT_EQ(deletes[1].msg.id_num, 11u);
  EXPECT_TRUE(sim.r.idle());
}

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
  EXPECT_EQ(refusing.requests(RequestType::LeaveInvite).size(), 0u);
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
  ASSERT_TRUE(sim.run_until([&] { return sim.r.phase() == Phase::Ringing; }, 5s));
  EXPECT_LT(sim.now - TimePoint{}, 2s);
  EXPECT_EQ(sim.requests(RequestType::Announce)[0].channel.dialect, Dialect::Otalk);
  EXPECT_EQ(sim.requests(RequestType::Announce).size(), 1u) << "ntalk not retried once known";
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

}  // namespace
}  // namespace talk::client
