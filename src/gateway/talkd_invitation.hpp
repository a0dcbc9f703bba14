// The gateway's side of the classic rendezvous for a call from XMPP: an invitation left with
// talkd and an announcement on the callee's terminal (over UDP to talkd on this host), the
// re-announcements, and their withdrawal.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "platform/endpoint.hpp"
#include "protocol/messages.hpp"

namespace talk::gateway {

class TalkdInvitation {
 public:
  using Time = std::chrono::steady_clock::time_point;

  /// `caller` (the JID's short name) invites `callee` (a local user) to `addr`.
  TalkdInvitation(platform::Ipv4Endpoint talkd, std::string caller, std::string callee,
                  proto::TalkAddr addr, std::int32_t pid);

  std::error_code open();
  int fd() const { return socket_.fd(); }

  /// LEAVE_INVITE (once), then ANNOUNCE (again: with the last id + 1, as talk re-announces).
  void announce(Time now);
  void on_readable(Time now);
  void on_timer(Time now);
  std::optional<Time> next_due() const { return resend_at_; }
  /// Deletes what was left with talkd (no answer awaited).
  void withdraw();

  /// The answer to the last ANNOUNCE, once it came.
  std::optional<proto::Answer> announced() const { return announced_; }
  /// True when talkd did not answer at all.
  bool unanswered() const { return gave_up_; }
  /// The ids talkd holds for us now.
  std::vector<std::uint32_t> outstanding() const;

 private:
  void send(proto::RequestType type, Time now);

  platform::Ipv4Endpoint talkd_;
  std::string caller_;
  std::string callee_;
  proto::TalkAddr addr_;
  std::int32_t pid_;
  platform::UdpSocket socket_;
  proto::TalkAddr ctl_addr_;
  std::optional<proto::RequestType> waiting_;
  std::optional<Time> resend_at_;
  int tries_ = 0;
  bool invited_ = false;
  bool announced_once_ = false;
  bool gave_up_ = false;
  std::uint32_t invite_id_ = 0;
  std::uint32_t announce_id_ = 0;
  std::optional<proto::Answer> announced_;
};

}  // namespace talk::gateway
