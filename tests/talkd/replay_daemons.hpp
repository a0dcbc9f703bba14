// Captured requests replayed through talkd's request handling: one daemon per captured port
// (Debian runs in.talkd on 517 and in.ntalkd on 518 as separate processes with separate tables).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "golden/vectors_file.hpp"
#include "platform/logger.hpp"
#include "talkd/fakes.hpp"
#include "talkd/server.hpp"

namespace talk::talkd::testing {

/// One daemon process of a capture.
struct ReplayDaemon {
  explicit ReplayDaemon(FakeWorld& world)
      : table(world.clock, TableLimits{}),
        locator({&world.utmp}, world.ttys, world.users),
        policy(AclRules{}, false, world.users, world.files, logger),
        limiter(world.clock, RateLimits{std::chrono::seconds(0), 1000, 4096}),
        processor(
            {table, locator, world.ttys, policy, limiter, world.resolver, logger, world.clock},
            ProcessorSettings{"capturehost", {}, false, false}),
        server({{&socket, "replay"}}, processor, table, poller, world.clock, logger, {}) {}
  platform::MemoryLogger logger;
  InvitationTable table;
  UserLocator locator;
  AccessPolicy policy;
  RateLimiter limiter;
  RequestProcessor processor;
  NoPoller poller;
  FakeSocket socket;
  Server server;
};

inline platform::Ipv4Endpoint endpoint_of(const golden::Endpoint& e) {
  return {*platform::parse_ipv4(e.ip), e.port};
}

/// Our daemon's answer to one captured request.
struct ReplayAnswer {
  platform::Ipv4Endpoint to;
  std::vector<std::uint8_t> bytes;
};

/// The daemons of one capture, made as its requests reach each port.
class ReplayDaemons {
 public:
  explicit ReplayDaemons(FakeWorld& world) : world_(world) {}

  /// Hands the captured request to the daemon of its port a second after the previous one;
  /// nullopt when the daemon sent no single answer.
  std::optional<ReplayAnswer> send(const golden::Vector& v) {
    auto& daemon = daemons_[v.dst.port];
    if (!daemon) daemon = std::make_unique<ReplayDaemon>(world_);
    world_.clock.advance(std::chrono::seconds(1));
    platform::ReceivedDatagram from;
    from.size = v.bytes.size();
    from.source = endpoint_of(v.src);
    const std::size_t before = daemon->socket.sent.size();
    daemon->server.handle_datagram(daemon->socket, v.bytes, v.bytes.size(), from);
    if (daemon->socket.sent.size() != before + 1) return std::nullopt;
    return ReplayAnswer{daemon->socket.sent.back().to, daemon->socket.sent.back().bytes};
  }

 private:
  FakeWorld& world_;
  std::map<std::uint16_t, std::unique_ptr<ReplayDaemon>> daemons_;
};

}  // namespace talk::talkd::testing
