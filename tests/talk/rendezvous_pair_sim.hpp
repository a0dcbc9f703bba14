// Two talk clients and their two daemons on a scripted lossy network with a fake clock, for the
// rendezvous unit tests of crossing calls and simultaneous connects.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>

#include "protocol/codec.hpp"
#include "talk/rendezvous.hpp"

namespace talk::client::testing {

using namespace std::chrono_literals;

// A talk daemon's table, as every BSD-lineage talkd keeps it.
struct ScriptedDaemon {
  struct Entry {
    proto::CtlMessage msg;
    std::uint32_t id;
  };
  std::vector<Entry> table;
  std::uint32_t next_id = 1;
  std::function<void(const proto::CtlMessage&)> on_ring;

  bool invited(const std::string& from, const std::string& to) const {
    return std::any_of(table.begin(), table.end(), [&](const Entry& e) {
      return e.msg.type == proto::RequestType::LeaveInvite && e.msg.l_name == from &&
             e.msg.r_name == to;
    });
  }

  proto::CtlResponse process(const proto::CtlMessage& msg) {
    using proto::RequestType;
    proto::CtlResponse resp;
    resp.type = msg.type;
    const auto same = [&](const Entry& e) {
      return e.msg.type == msg.type && e.msg.l_name == msg.l_name && e.msg.r_name == msg.r_name &&
             e.msg.pid == msg.pid;
    };
    auto it = std::find_if(table.begin(), table.end(), same);
    switch (msg.type) {
      case RequestType::LeaveInvite:
        if (it == table.end()) it = table.insert(table.end(), {msg, next_id++});
        resp.id_num = it->id;
        break;
      case RequestType::Announce:
        if (it == table.end() || msg.id_num > it->id) {  // a new ring, not a duplicate
          if (it != table.end()) table.erase(it);
          it = table.insert(table.end(), {msg, next_id++});
          if (on_ring) on_ring(msg);
        }
        resp.id_num = it->id;
        break;
      case RequestType::LookUp: {
        const auto found = std::find_if(table.begin(), table.end(), [&](const Entry& e) {
          return e.msg.type == RequestType::LeaveInvite && e.msg.l_name == msg.r_name &&
                 e.msg.r_name == msg.l_name;
        });
        if (found == table.end()) {
          resp.answer = proto::Answer::NotHere;
        } else {
          resp.id_num = found->id;
          resp.addr = found->msg.addr;
        }
        break;
      }
      case RequestType::Delete:
        std::erase_if(table, [&](const Entry& e) { return e.id == msg.id_num; });
        break;
    }
    return resp;
  }
};

// One client: its state machine, its listener and the TCP streams it holds.
struct ScriptedClient {
  explicit ScriptedClient(RendezvousConfig c) : config(c), r(std::move(c)) {}
  RendezvousConfig config;
  Rendezvous r;
  bool started = false;
  bool listening = true;
  std::optional<int> connecting;  // connection id of our connect in flight
  std::optional<int> outgoing, accepted, chosen;
  bool failed = false;
  int connects_started = 0;
  std::optional<TimePoint> connected_at;
};

// Both clients, both daemons, the clock, the loss and the TCP connections between them.
class PairSim {
 public:
  PairSim(unsigned seed, double loss) : rng_(seed), loss_(loss) {
    clients_.reserve(2);
    clients_.emplace_back(config(0));
    clients_.emplace_back(config(1));
    for (int i = 0; i < 2; ++i) {
      daemons_[i].on_ring = [this, i](const proto::CtlMessage&) {
        if (on_ring) on_ring(i);
      };
    }
  }

  ScriptedClient& client(int i) { return clients_[static_cast<std::size_t>(i)]; }
  ScriptedDaemon& daemon(int i) { return daemons_[i]; }
  TimePoint now{};
  std::function<void(int host)> on_ring;  // a ring reached the user on `host`
  std::function<void(int host, bool stored)> on_announce;
  int drop_nth = 0;  // if set: lose exactly this datagram (1-based), and no other

  void start(int i) {
    client(i).started = true;
    client(i).r.start(now);
    pump();
  }
  void at(TimePoint t, std::function<void()> f) { events_.emplace(std::make_pair(t, seq_++), f); }

  // Runs until both have connected or failed, or `limit` passes.
  bool run(std::chrono::milliseconds limit) {
    const TimePoint end = now + limit;
    for (int guard = 0; guard < 100000; ++guard) {
      if (settled()) return true;
      std::optional<TimePoint> next;
      if (!events_.empty()) next = events_.begin()->first.first;
      for (auto& c : clients_) {
        const auto d = c.started ? c.r.next_deadline() : std::nullopt;
        if (d && (!next || *d < *next)) next = d;
      }
      if (!next || *next > end) return false;
      now = std::max(now, *next);
      while (!events_.empty() && events_.begin()->first.first <= now) {
        auto f = events_.begin()->second;
        events_.erase(events_.begin());
        f();
        pump();
      }
      for (auto& c : clients_) {
        const auto d = c.started ? c.r.next_deadline() : std::nullopt;
        if (d && *d <= now) c.r.on_timer(now);
      }
      pump();
    }
    return false;
  }

  bool settled() const {
    return std::all_of(clients_.begin(), clients_.end(),
                       [](const ScriptedClient& c) { return c.chosen || c.failed; });
  }
  int datagrams() const { return datagrams_; }

 private:
  static RendezvousConfig config(int i) {
    const std::uint32_t host[2] = {0x0a000001, 0x0a000002};
    RendezvousConfig c;
    c.my_name = i == 0 ? "alice" : "bob";
    c.peer_name = i == 0 ? "bob" : "alice";
    c.pid = 100 + i;
    c.otalk_enabled = false;
    c.daemon[0][0] = {host[i], 518};
    c.daemon[1][0] = {host[1 - i], 518};
    c.ctl_addr[0][0] = c.ctl_addr[1][0] = {host[i], 30000};
    c.listen_addr = {host[i], 40000};
    c.remote_host_name = i == 0 ? "b.example" : "a.example";
    return c;
  }

  bool lost() {
    if (drop_nth > 0) return ++counted_ == drop_nth;
    return std::bernoulli_distribution(loss_)(rng_);
  }
  Millis delay(int low, int high) { return Millis(std::uniform_int_distribution(low, high)(rng_)); }

  void pump() {
    for (int round = 0; round < 100; ++round) {
      bool any = false;
      for (int i = 0; i < 2; ++i) {
        for (auto& a : client(i).r.take_actions()) {
          any = true;
          act(i, a);
        }
      }
      if (!any) return;
    }
    FAIL() << "actions never settled";
  }

  void act(int i, const RendezvousAction& a) {
    using Kind = RendezvousAction::Kind;
    ScriptedClient& c = client(i);
    if (a.kind == Kind::Send) {
      ++datagrams_;
      const int d = a.channel.host == DaemonHost::Local ? i : 1 - i;
      const auto msg = *proto::decode_ctl_message(a.bytes).message;
      if (lost()) return;
      at(now + delay(0, 3), [this, i, d, msg, channel = a.channel] {
        if (msg.type == proto::RequestType::Announce && on_announce)
          on_announce(d, daemons_[1 - d].invited(msg.l_name, msg.r_name));
        const auto bytes = proto::encode(daemons_[d].process(msg));
        if (lost()) return;
        at(now + delay(0, 3), [this, i, d, channel, bytes] {
          client(i).r.on_datagram(channel, bytes, client(i).config.daemon[d == i ? 0 : 1][0], now);
        });
      });
    } else if (a.kind == Kind::Connect) {
      connect(i, a.endpoint);
    } else if (a.kind == Kind::Connected) {
      c.chosen = a.stream == Stream::Outgoing ? c.outgoing : c.accepted;
      c.connected_at = now;
      c.listening = false;
      c.connecting.reset();
    } else if (a.kind == Kind::Failed) {
      c.failed = true;
    }
  }

  // Connection ids: 1 is alice's connect to bob's listener, 2 bob's to alice's.
  void connect(int i, const platform::Ipv4Endpoint& to) {
    ScriptedClient& c = client(i);
    const int id = i + 1;
    ++c.connects_started;
    c.connecting = id;
    ASSERT_EQ(to, client(1 - i).config.listen_addr);
    at(now + delay(0, 30), [this, i, id] {  // the SYN arrives
      ScriptedClient& peer = client(1 - i);
      const bool up = peer.listening;
      if (up) {
        peer.accepted = id;
        peer.r.on_accepted(now);
      }
      at(now + delay(0, 30), [this, i, id, up] {  // the answer arrives
        ScriptedClient& me = client(i);
        if (me.connecting != id) return;  // given up meanwhile
        me.connecting.reset();
        if (up) me.outgoing = id;
        me.r.on_connect_result(
            up ? std::error_code{} : std::make_error_code(std::errc::connection_refused), now);
      });
    });
  }

  std::mt19937 rng_;
  double loss_;
  std::vector<ScriptedClient> clients_;
  ScriptedDaemon daemons_[2];
  std::map<std::pair<TimePoint, int>, std::function<void()>> events_;
  int seq_ = 0;
  int datagrams_ = 0;
  int counted_ = 0;
};

}  // namespace talk::client::testing
