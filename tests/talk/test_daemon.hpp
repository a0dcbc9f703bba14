// A tiny ntalk daemon for integration tests: answers LEAVE_INVITE, LOOK_UP, ANNOUNCE and
// DELETE on an ephemeral loopback UDP port from its own thread, optionally losing packets.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "protocol/messages.hpp"

namespace talk::testing {

class TestDaemon {
 public:
  /// `drop_every`: lose every Nth datagram in each direction (0: none). `otalk`: speak only
  /// the old 76-byte protocol. `loss`: also lose each datagram with this probability (seeded).
  explicit TestDaemon(int drop_every = 0, bool otalk = false, double loss = 0.0, unsigned seed = 1);
  ~TestDaemon();
  std::uint16_t port() const { return port_; }
  /// Requests received so far (a copy).
  std::vector<proto::CtlMessage> requests();
  int count(proto::RequestType type);

 private:
  void serve();
  void handle(const proto::CtlMessage& msg, const platform::Ipv4Endpoint& from);
  bool lose();

  platform::UdpSocket socket_;
  std::uint16_t port_ = 0;
  int drop_every_;
  bool otalk_;
  int packets_ = 0;
  double loss_;
  std::mt19937 random_;
  std::uint32_t next_id_ = 1;
  std::vector<proto::CtlMessage> invitations_;
  std::mutex mutex_;
  std::vector<proto::CtlMessage> seen_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace talk::testing
