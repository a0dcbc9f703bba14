// A tiny ntalk daemon for integration tests: answers LEAVE_INVITE, LOOK_UP, ANNOUNCE and
// DELETE on an ephemeral loopback UDP port from its own thread, optionally losing packets.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "protocol/messages.hpp"

namespace talk::testing {

class TestDaemon {
 public:
  /// `drop_every`: lose every Nth datagram in each direction (0: none). `otalk`: speak only
  /// the old 76-byte protocol.
  explicit TestDaemon(int drop_every = 0, bool otalk = false);
  ~TestDaemon();
  std::uint16_t port() const { return port_; }
  /// Requests received so far (a copy).
  std::vector<proto::CtlMessage> requests();
  int count(proto::RequestType type);

 private:
  void serve();
  void handle(const proto::CtlMessage& msg, const platform::Ipv4Endpoint& from);

  platform::UdpSocket socket_;
  std::uint16_t port_ = 0;
  int drop_every_;
  bool otalk_;
  int packets_ = 0;
  std::uint32_t next_id_ = 1;
  std::vector<proto::CtlMessage> invitations_;
  std::mutex mutex_;
  std::vector<proto::CtlMessage> seen_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace talk::testing
