// Turns one decoded control request into the daemon's answer: the table, the locator, the
// access policy and the rate limiter applied exactly as the protocol expects.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "platform/clock.hpp"
#include "platform/endpoint.hpp"
#include "platform/logger.hpp"
#include "platform/resolver.hpp"
#include "platform/tty_writer.hpp"
#include "protocol/codec.hpp"
#include "protocol/messages.hpp"
#include "talkd/access_policy.hpp"
#include "talkd/gateway_handoff.hpp"
#include "talkd/invitation_table.hpp"
#include "talkd/log_throttle.hpp"
#include "talkd/rate_limiter.hpp"
#include "talkd/user_locator.hpp"

namespace talk::talkd {

/// The terminal recorded for an announcement handed to the gateway.
inline constexpr std::string_view kGatewayTty = "(xmpp)";

/// Which protocol a request arrived in (otalk names are cut to 8 bytes, ntalk ones to 11).
enum class Wire { Ntalk, Otalk };

struct HourMinute {
  int hour = 0;
  int minute = 0;
};

struct ProcessorSettings {
  std::string local_host;  // shown in "Message from Talk_Daemon@HOST"
  /// Local time of day for the announcement.
  std::function<HourMinute(std::chrono::system_clock::time_point)> local_time;
  bool quiet = false;  // -q: no per-request log lines
  bool debug = false;  // -d: every request and answer logged
};

/// The collaborators a RequestProcessor works with; all owned elsewhere.
struct ProcessorParts {
  InvitationTable& table;
  const UserLocator& locator;
  platform::TtyWriter& ttys;
  const AccessPolicy& policy;
  RateLimiter& limiter;
  platform::Resolver& resolver;
  platform::Logger& logger;
  const platform::Clock& clock;
};

class RequestProcessor {
 public:
  RequestProcessor(ProcessorParts parts, ProcessorSettings settings);

  /// The answer to `msg` (decoded with `error`) received from `source`. The response's `addr`
  /// is zero except for a successful LOOK_UP; `type` echoes the request.
  proto::CtlResponse process(const proto::CtlMessage& msg, proto::DecodeError error,
                             const platform::Ipv4Endpoint& source, Wire wire = Wire::Ntalk);

  /// True when answering `msg` now would ring the callee while the caller's host name is still
  /// being looked up (the lookup is then under way): hold the request until the name is known.
  /// Callee names that are no local user are offered to `gateway` (may be null: none).
  void set_gateway(GatewayHandoff* gateway) { gateway_ = gateway; }

  bool needs_name(const proto::CtlMessage& msg, proto::DecodeError error,
                  const platform::Ipv4Endpoint& source, Wire wire = Wire::Ntalk);

 private:
  proto::CtlResponse announce(const proto::CtlMessage& msg, const platform::Ipv4Endpoint& source,
                              Wire wire);
  proto::CtlResponse announce_to_gateway(const proto::CtlMessage& msg,
                                         const platform::Ipv4Endpoint& source);
  proto::CtlResponse leave_invite(const proto::CtlMessage& msg,
                                  const platform::Ipv4Endpoint& source);
  proto::CtlResponse look_up(const proto::CtlMessage& msg);
  proto::CtlResponse remove(const proto::CtlMessage& msg, const platform::Ipv4Endpoint& source);
  proto::Answer ring(const proto::CtlMessage& msg, const Location& where,
                     const platform::Ipv4Endpoint& source);
  bool is_local_source(const platform::Ipv4Endpoint& source);
  std::uint32_t rate_key_of(const platform::Ipv4Endpoint& source);
  bool may_ring(const platform::Ipv4Endpoint& source, const std::string& callee);
  void log(platform::LogLevel level, const std::string& text);

  ProcessorParts parts_;
  ProcessorSettings settings_;
  LogThrottle throttle_;
  GatewayHandoff* gateway_ = nullptr;
};

}  // namespace talk::talkd
