// The rendezvous with the talk daemons as a pure, event-driven state machine (no sockets, no
// clock inside): LOOK_UP at the callee's daemon and connect to a waiting invitation, or
// LEAVE_INVITE at our own daemon and then ANNOUNCE at the callee's, re-ringing every 30 s until
// someone connects; then DELETE what we left. While ringing, LOOK_UPs at the callee's daemon
// notice a crossing call (the callee ringing us back) and connect to it; when both sides connect
// at once, the connection to the lower listening address survives on both. Requests are
// retransmitted with backoff, and a host whose ntalk daemon is silent or unreachable is tried
// with the old 76-byte protocol.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <system_error>
#include <vector>

#include "platform/endpoint.hpp"
#include "protocol/constants.hpp"

namespace talk::client {

using TimePoint = std::chrono::steady_clock::time_point;
using Millis = std::chrono::milliseconds;

enum class DaemonHost : std::uint8_t { Local = 0, Remote = 1 };
enum class Dialect : std::uint8_t { Ntalk = 0, Otalk = 1 };

/// A control channel: one UDP socket towards one daemon.
struct Channel {
  DaemonHost host = DaemonHost::Local;
  Dialect dialect = Dialect::Ntalk;
  friend bool operator==(const Channel&, const Channel&) = default;
};

struct RendezvousTiming {
  Millis first_resend{300};
  Millis max_resend{2000};  // the classic CTL_WAIT
  Millis give_up{15000};    // per request, without any answer
  // A silent ntalk daemon: also try otalk from then on. Long enough that lost datagrams (six
  // ntalk tries, the last at 6.1 s) are not taken for a missing daemon: on a host with both, an
  // invitation left with the otalk daemon is not seen by a caller that asks the ntalk one.
  Millis otalk_after{6500};
  Millis ring_wait{30000};       // RING_WAIT
  Millis cleanup_give_up{3000};  // DELETEs after connecting or quitting
  Millis first_check{1000};      // while ringing: first LOOK_UP for a crossing call
  Millis max_check{4000};        // the checks back off to this interval
  Millis crossing_grace{500};    // lower listener: wait this long for the surviving connection
};

struct RendezvousConfig {
  std::string my_name;
  std::string peer_name;
  /// ANNOUNCE as '!' + my_name, utalk's mark: the callee's daemon asks them to answer with
  /// utalk. The other requests keep my_name (utalk's callee looks the invitation up by it).
  bool announce_as_utalk = false;
  std::string peer_tty;
  std::int32_t pid = 0;
  /// Local and Remote are the same daemon (a talk on this machine): Remote requests use the
  /// Local channels.
  bool same_host = false;
  bool otalk_enabled = true;
  /// Where each channel's requests go, indexed [host][dialect].
  platform::Ipv4Endpoint daemon[2][2];
  /// Each channel's own UDP address (ctl_addr in requests), indexed [host][dialect].
  platform::Ipv4Endpoint ctl_addr[2][2];
  /// Our TCP rendezvous address, announced to the callee.
  platform::Ipv4Endpoint listen_addr;
  std::string remote_host_name;  // for messages
  /// false: leave our invitation (refreshed every ring_wait) but never ANNOUNCE, for a member a
  /// conference peer asked us to expect (ytalk's import), who connects to us.
  bool ring = true;
  RendezvousTiming timing;
};

/// Which TCP stream a Connected action means: the one we connected, or the one we accepted.
enum class Stream : std::uint8_t { Outgoing, Accepted };

struct RendezvousAction {
  enum class Kind : std::uint8_t {
    Send,       // bytes to `channel`
    Connect,    // TCP connect to `endpoint` (a waiting invitation)
    Status,     // show `text` in brackets
    Connected,  // the conversation can start on `stream`; drop the other one, if any
    Failed,     // give up: `text` in brackets, `detail` a hint for stderr; exit non-zero
  };
  Kind kind = Kind::Status;
  Channel channel;
  std::vector<std::uint8_t> bytes;
  platform::Ipv4Endpoint endpoint;
  std::string text;
  std::string detail;
  Stream stream = Stream::Outgoing;
};

enum class Phase : std::uint8_t {
  Idle,
  LookingUp,
  Connecting,
  Announcing,
  Ringing,
  Crossing,  // connecting to the callee's own invitation while ours still stands
  Connected,
  Quitting,
  Failed
};

class Rendezvous {
 public:
  explicit Rendezvous(RendezvousConfig config);

  void start(TimePoint now);
  void on_datagram(Channel channel, std::span<const std::uint8_t> bytes,
                   const platform::Ipv4Endpoint& source, TimePoint now);
  /// A receive error on a channel; ECONNREFUSED means the daemon's port is closed.
  void on_channel_error(Channel channel, std::error_code error, TimePoint now);
  void on_timer(TimePoint now);
  void on_connect_result(std::error_code error, TimePoint now);
  void on_accepted(TimePoint now);
  /// The user quits: DELETE the invitations we left.
  void on_quit(TimePoint now);

  std::optional<TimePoint> next_deadline() const;
  std::vector<RendezvousAction> take_actions();
  Phase phase() const { return phase_; }
  /// No request is outstanding (nothing left to retransmit or wait for).
  bool idle() const { return pending_.empty(); }
  /// Total datagrams sent, for tests and diagnostics.
  int datagrams_sent() const { return sent_; }

 private:
  enum class Purpose : std::uint8_t { LookUp, Announce, LeaveInvite, Check, Cleanup };
  enum class HostDialect : std::uint8_t { Unknown, Ntalk, Otalk };
  struct Pending {
    DaemonHost host;
    proto::RequestType type;
    Purpose purpose;
    std::uint32_t id;
    bool tried[2] = {false, false};
    TimePoint next_send;
    Millis interval;
    TimePoint started;
    TimePoint give_up_at;
  };

  DaemonHost route(DaemonHost host) const;
  void request(DaemonHost host, proto::RequestType type, Purpose purpose, std::uint32_t id,
               TimePoint now);
  std::string announced_name(proto::RequestType type, Dialect dialect) const;
  void transmit(Pending& p, Dialect dialect);
  void transmit_due(Pending& p, TimePoint now);
  bool source_ok(Channel channel, const platform::Ipv4Endpoint& source) const;
  void complete(Pending p, proto::Answer answer, std::uint32_t id,
                const std::optional<platform::Ipv4Endpoint>& addr, TimePoint now);
  void begin_invite(TimePoint now);
  void announce(TimePoint now);
  void finish_connected(Stream stream, TimePoint now);
  // Crossing calls (rendezvous_crossing.cpp).
  void start_ringing(TimePoint now);
  void check_for_crossing(bool then_rering, TimePoint now);
  void on_check_reply(proto::Answer answer, std::uint32_t id,
                      const std::optional<platform::Ipv4Endpoint>& addr, TimePoint now);
  void rering(TimePoint now);
  bool lower_listener() const;
  void crossing_accepted(TimePoint now);
  void crossing_connect_result(std::error_code error, TimePoint now);
  void crossing_timers(TimePoint now);
  void delete_invitations(TimePoint now);
  void fail(std::string text, std::string detail);
  std::string daemon_hint(DaemonHost host) const;
  void status(std::string_view text);

  RendezvousConfig config_;
  Phase phase_ = Phase::Idle;
  std::vector<Pending> pending_;
  std::vector<RendezvousAction> actions_;
  HostDialect dialect_[2] = {HostDialect::Unknown, HostDialect::Unknown};
  bool refused_[2][2] = {{false, false}, {false, false}};
  std::uint32_t msg_id_ = 0xffffffffu;
  std::uint32_t invitation_id_ = 0;  // the caller's invitation we found by LOOK_UP
  std::optional<std::uint32_t> remote_id_;
  std::optional<std::uint32_t> local_id_;
  std::optional<TimePoint> ring_at_;
  bool reringing_ = false;
  int sent_ = 0;
  // Crossing calls.
  enum class Outgoing : std::uint8_t { None, InFlight, Up };
  std::optional<TimePoint> check_at_;
  Millis check_interval_{0};
  bool checking_ = false;
  bool rering_after_check_ = false;
  std::optional<platform::Ipv4Endpoint> peer_listen_;
  Outgoing outgoing_ = Outgoing::None;
  bool accepted_held_ = false;
  std::optional<TimePoint> grace_at_;
};

}  // namespace talk::client
