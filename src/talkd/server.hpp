// The daemon's one loop: datagrams from the ntalk and otalk sockets, the idle timer, and the
// signal descriptor, all through one poll.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "platform/clock.hpp"
#include "platform/datagram_socket.hpp"
#include "platform/logger.hpp"
#include "platform/poll_loop.hpp"
#include "platform/signal_pipe.hpp"
#include "talkd/caching_resolver.hpp"
#include "talkd/held_announcements.hpp"
#include "talkd/invitation_table.hpp"
#include "talkd/request_processor.hpp"

namespace talk::talkd {

struct ListeningSocket {
  platform::DatagramSocket* socket = nullptr;
  std::string label;  // "ntalk", "otalk": for logs only; packets are told apart by length
};

struct ServerSettings {
  /// Exit after this long without a request while no invitation is waiting; zero: never.
  std::chrono::milliseconds idle_timeout{0};
  /// Datagrams handled from one socket before the others get a turn.
  std::size_t burst = 64;
  /// How long an announcement waits for its caller's host name before the address is used.
  std::chrono::milliseconds name_wait{4000};
};

enum class StopReason { Idle, Signal, Error };

class Server {
 public:
  Server(std::vector<ListeningSocket> sockets, RequestProcessor& processor, InvitationTable& table,
         platform::Poller& poller, const platform::Clock& clock, platform::Logger& logger,
         ServerSettings settings);

  /// Termination and reload come through `signals` (may be null); `on_reload` runs on SIGHUP.
  void set_signals(platform::SignalPipe* signals, std::function<void()> on_reload);

  /// Host names come from `names` (may be null: then the processor's resolver answers at once);
  /// an announcement whose caller's name is being looked up is answered when it is known.
  void set_names(CachingResolver* names) { names_ = names; }

  /// Answers the held announcements whose names have arrived (when `lookups_finished`) or
  /// whose wait is over (with the address for a name).
  void settle_names(bool lookups_finished);

  /// Announcements waiting for a host name.
  std::size_t held() const { return held_.size(); }

  /// Serves until idle, a termination signal, or a fatal socket error.
  StopReason run();

  /// Handles one received datagram of `size` bytes (only `bytes` were kept) from `source`,
  /// sending any answer through `socket`. Returns true when an answer was sent.
  bool handle_datagram(platform::DatagramSocket& socket, std::span<const std::uint8_t> bytes,
                       std::size_t size, const platform::ReceivedDatagram& from);

  /// Datagrams dropped so far: wrong length, privileged source port, non-IPv4 source.
  std::size_t dropped() const { return dropped_wrong_length_ + dropped_bad_port_ + dropped_ipv6_; }

 private:
  bool drain(ListeningSocket& listening);
  bool answer(platform::DatagramSocket& socket, const proto::CtlMessage& msg,
              proto::DecodeError error, const platform::Ipv4Endpoint& source, Wire wire);
  bool answer_or_hold(platform::DatagramSocket& socket, const proto::CtlMessage& msg,
                      proto::DecodeError error, const platform::Ipv4Endpoint& source, Wire wire);
  void answer_held(std::uint32_t ipv4);
  std::chrono::milliseconds poll_timeout() const;
  void log_once(bool& logged, const std::string& text);

  std::vector<ListeningSocket> sockets_;
  RequestProcessor& processor_;
  InvitationTable& table_;
  platform::Poller& poller_;
  const platform::Clock& clock_;
  platform::Logger& logger_;
  ServerSettings settings_;
  platform::SignalPipe* signals_ = nullptr;
  CachingResolver* names_ = nullptr;
  HeldAnnouncements held_;
  std::function<void()> on_reload_;
  std::chrono::steady_clock::time_point last_request_;
  std::size_t dropped_wrong_length_ = 0;
  std::size_t dropped_bad_port_ = 0;
  std::size_t dropped_ipv6_ = 0;
  bool logged_wrong_length_ = false;
  bool logged_bad_port_ = false;
  bool logged_ipv6_ = false;
};

}  // namespace talk::talkd
