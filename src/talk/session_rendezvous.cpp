// Session: the rendezvous side of the loop (daemon sockets, actions, cleanup on the way out).
#include "platform/client_poll.hpp"
#include "talk/daemon_exchange.hpp"
#include "talk/session.hpp"
#include "talk/srdp_link.hpp"
#include "talk/status_texts.hpp"

namespace talk::client {
namespace {

using namespace std::chrono_literals;
constexpr auto kCleanupLimit = 1500ms;
// How long a utalk caller's port may take to answer our PING (utalk answers at once).
constexpr auto kSrdpProbeLimit = 1500ms;

}  // namespace

void Session::read_daemon_sockets(TimePoint now) {
  receive_from_daemons(*io_.resources, rendezvous_, now);
}

// Accepts before the timers run, so a connection already waiting is seen before a decision that
// depends on none arriving. The listener is non-blocking: this costs nothing when none waits.
void Session::take_rendezvous_streams(bool connect_done, TimePoint now) {
  std::error_code ec;
  platform::Ipv4Endpoint peer;
  auto stream = io_.resources->listener.accept(ec, peer);
  if (!ec) {
    accepted_ = std::move(stream);
    rendezvous_.on_accepted(now);
  }
  if (connecting_ && connect_done) {
    const std::error_code result = connecting_->connect_result();
    if (!result) outgoing_ = std::move(*connecting_);
    connecting_.reset();
    // A refused TCP connect may be a utalk caller's invitation: its port is an SRDP UDP port.
    if (result != std::errc::connection_refused || !start_probe(now)) {
      rendezvous_.on_connect_result(result, now);
    }
  }
}

void Session::apply_rendezvous_actions(TimePoint now) {
  for (int round = 0; round < 16; ++round) {
    auto actions = rendezvous_.take_actions();
    if (actions.empty()) return;
    for (auto& action : actions) {
      using Kind = RendezvousAction::Kind;
      switch (action.kind) {
        case Kind::Send:
          // A closed port shows up here or on the next receive: both count as refused.
          if (const auto ec = send_to_daemon(*io_.resources, action)) {
            rendezvous_.on_channel_error(action.channel, ec, now);
          }
          break;
        case Kind::Connect: {
          std::error_code ec;
          connect_target_ = action.endpoint;
          auto stream = platform::TcpStream::start_connect(action.endpoint, ec);
          if (ec) {
            rendezvous_.on_connect_result(ec, now);
          } else {
            connecting_ = std::move(stream);
          }
          break;
        }
        case Kind::Status:
          if (state_ == State::Rendezvous) {
            model_.set_status(action.text);
            dirty_ = true;
          }
          break;
        case Kind::Connected: {
          auto chosen = std::move(action.stream == Stream::Accepted ? accepted_ : outgoing_);
          connecting_.reset();
          accepted_ = {};
          outgoing_ = {};
          if (state_ != State::Rendezvous) break;
          if (chosen.valid()) {
            start_talking(std::move(chosen));
          } else if (answered_link_) {
            begin_talking(std::move(answered_link_), now);
          }
          break;
        }
        case Kind::Failed:
          finish(1, action.text, action.detail);
          break;
      }
    }
  }
}

void Session::accept_srdp(TimePoint now) {
  auto link =
      std::make_unique<SrdpLink>(io_.resources->srdp, std::nullopt, peer_view_, io_.utf8, now);
  link->on_ready({io_.resources->srdp.fd(), true, false, false}, now);
  if (link->state() == LinkState::Connecting) return;  // nothing that was SRDP
  answered_link_ = std::move(link);
  connecting_.reset();
  rendezvous_.on_accepted(now);
}

bool Session::start_probe(TimePoint now) {
  if (!connect_target_ || probe_) return false;
  std::error_code ec;
  auto socket = std::make_unique<platform::UdpSocket>(platform::UdpSocket::open_bound({}, ec));
  if (ec) return false;
  probe_ =
      std::make_unique<SrdpLink>(std::move(socket), *connect_target_, peer_view_, io_.utf8, now);
  probe_->probe(now);
  probe_deadline_ = now + kSrdpProbeLimit;
  return true;
}

void Session::serve_probe(bool readable, TimePoint now) {
  if (readable) probe_->on_ready({probe_->fd(), true, false, false}, now);
  if (probe_->state() == LinkState::Open) {
    answered_link_ = std::move(probe_);
    rendezvous_.on_connect_result({}, now);
  } else if (now >= probe_deadline_ || probe_->state() == LinkState::Closed) {
    probe_.reset();
    rendezvous_.on_connect_result(std::make_error_code(std::errc::connection_refused), now);
  }
}

void Session::drain_cleanup() {
  const TimePoint limit = io_.clock->steady_now() + kCleanupLimit;
  while (!rendezvous_.idle()) {
    for (auto& action : rendezvous_.take_actions()) {
      if (action.kind == RendezvousAction::Kind::Send) (void)send_to_daemon(*io_.resources, action);
    }
    const TimePoint now = io_.clock->steady_now();
    if (now >= limit) return;
    std::vector<platform::PollEntry> entries;
    for (auto& per_host : io_.resources->sockets) {
      for (auto& socket : per_host) entries.push_back({socket.valid() ? socket.fd() : -1, true});
    }
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(limit - now);
    if (const auto deadline = rendezvous_.next_deadline(); deadline && *deadline < limit) {
      wait = std::chrono::ceil<std::chrono::milliseconds>(
          std::max(*deadline - now, TimePoint::duration{}));
    }
    if (platform::poll_entries(entries, wait)) return;
    const TimePoint after = io_.clock->steady_now();
    read_daemon_sockets(after);
    if (const auto deadline = rendezvous_.next_deadline(); deadline && after >= *deadline) {
      rendezvous_.on_timer(after);
    }
  }
}

}  // namespace talk::client
