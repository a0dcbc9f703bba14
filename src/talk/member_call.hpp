// The rendezvous with one member of a conference: its own daemon sockets, listener and
// Rendezvous, driven from the conference's poll loop, ending in a connected TCP stream or a
// failure. (utalk's SRDP answers are not taken here: a conference speaks talk and ytalk.)
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "platform/client_poll.hpp"
#include "platform/tcp_socket.hpp"
#include "talk/client_setup.hpp"
#include "talk/rendezvous.hpp"

namespace talk::client {

class MemberCall {
 public:
  explicit MemberCall(std::unique_ptr<ClientResources> resources);

  void start(TimePoint now);
  /// Appends this call's descriptors; remember where they start for on_poll.
  void add_poll_entries(std::vector<platform::PollEntry>& entries) const;
  static constexpr std::size_t kPollEntries = 6;
  void on_poll(std::span<const platform::PollEntry> mine, TimePoint now);
  std::optional<TimePoint> next_deadline() const { return rendezvous_.next_deadline(); }
  /// Gives up: DELETEs what we left; keep polling until done().
  void quit(TimePoint now);

  /// The stream to talk over, once (moved out).
  std::optional<platform::TcpStream> take_stream();
  /// Our invitation is at the daemon and we wait (ringing, or silently for an import).
  bool waiting() const { return rendezvous_.phase() == Phase::Ringing; }
  bool failed() const { return failed_; }
  const std::string& failure() const { return failure_; }
  /// The last status the rendezvous gave ("Ringing your party again").
  const std::string& status() const { return status_; }
  /// The IPv4 address of the member's host (its daemon), for the packets that name them.
  std::uint32_t peer_host_address() const { return res_->config.daemon[1][0].address; }
  /// Nothing left to send or wait for.
  bool done() const { return (failed_ || quitting_ || taken_) && rendezvous_.idle(); }

 private:
  void apply_actions(TimePoint now);

  std::unique_ptr<ClientResources> res_;
  Rendezvous rendezvous_;
  std::optional<platform::TcpStream> connecting_;
  platform::TcpStream outgoing_;
  platform::TcpStream accepted_;
  std::optional<platform::TcpStream> chosen_;
  bool failed_ = false;
  bool quitting_ = false;
  bool taken_ = false;
  std::string failure_;
  std::string status_;
};

}  // namespace talk::client
