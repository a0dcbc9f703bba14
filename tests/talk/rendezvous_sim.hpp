// A scripted network of talk daemons with a fake clock, for the rendezvous unit tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "protocol/codec.hpp"
#include "talk/rendezvous.hpp"

namespace talk::client::testing {

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

inline RendezvousConfig make_config() {
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

}  // namespace talk::client::testing
