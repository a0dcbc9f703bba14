// Announcements held back while their caller's host name is being looked up, each with the
// time after which the address is used instead.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "platform/endpoint.hpp"
#include "protocol/codec.hpp"
#include "protocol/messages.hpp"
#include "talkd/request_processor.hpp"

namespace talk::talkd {

struct HeldRequest {
  platform::DatagramSocket* socket = nullptr;  // answered through the socket it came in on
  proto::CtlMessage msg;
  proto::DecodeError error = proto::DecodeError::None;
  platform::Ipv4Endpoint source;
  Wire wire = Wire::Ntalk;
  std::chrono::steady_clock::time_point deadline;
};

class HeldAnnouncements {
 public:
  explicit HeldAnnouncements(std::size_t capacity = 256) : capacity_(capacity) {}

  /// Holds `request`; a retransmission of a request already held is absorbed. False when full.
  bool hold(HeldRequest request);
  /// Removes and returns the requests from `ipv4`, oldest first.
  std::vector<HeldRequest> release(std::uint32_t ipv4);
  /// The source address of a request whose deadline has passed, if any.
  std::optional<std::uint32_t> first_due(std::chrono::steady_clock::time_point now) const;
  /// The earliest deadline; time_point::max() when nothing is held.
  std::chrono::steady_clock::time_point next_deadline() const;
  bool empty() const { return held_.empty(); }
  std::size_t size() const { return held_.size(); }

 private:
  std::size_t capacity_;
  std::vector<HeldRequest> held_;  // arrival order
};

}  // namespace talk::talkd
