// MemberCall: one member's daemon requests, listener and connect, without blocking.
#include "talk/member_call.hpp"

#include "talk/daemon_exchange.hpp"

namespace talk::client {

MemberCall::MemberCall(std::unique_ptr<ClientResources> resources)
    : res_(std::move(resources)), rendezvous_(res_->config) {}

void MemberCall::start(TimePoint now) {
  rendezvous_.start(now);
  apply_actions(now);
}

void MemberCall::add_poll_entries(std::vector<platform::PollEntry>& entries) const {
  for (const auto& per_host : res_->sockets) {
    for (const auto& socket : per_host)
      entries.push_back({socket.valid() ? socket.fd() : -1, true});
  }
  const bool open = !failed_ && !quitting_ && !taken_;
  entries.push_back({open ? res_->listener.fd() : -1, true});
  entries.push_back({open && connecting_ ? connecting_->fd() : -1, false, true});
}

void MemberCall::on_poll(std::span<const platform::PollEntry> mine, TimePoint now) {
  receive_from_daemons(*res_, rendezvous_, now);
  if (!failed_ && !quitting_ && !taken_) {
    std::error_code ec;
    platform::Ipv4Endpoint peer;
    auto stream = res_->listener.accept(ec, peer);
    if (!ec) {
      accepted_ = std::move(stream);
      rendezvous_.on_accepted(now);
    }
    // `mine` may be short when this call was made after the poll (a re-ring): then only the
    // non-blocking reads and accepts above run.
    const bool connect_ready = mine.size() >= kPollEntries && (mine[5].writable || mine[5].failed);
    if (connecting_ && connect_ready) {
      const std::error_code result = connecting_->connect_result();
      if (!result) outgoing_ = std::move(*connecting_);
      connecting_.reset();
      rendezvous_.on_connect_result(result, now);
    }
  }
  if (const auto deadline = rendezvous_.next_deadline(); deadline && now >= *deadline) {
    rendezvous_.on_timer(now);
  }
  apply_actions(now);
}

void MemberCall::quit(TimePoint now) {
  if (quitting_ || failed_ || taken_) return;
  quitting_ = true;
  connecting_.reset();
  rendezvous_.on_quit(now);
  apply_actions(now);
}

std::optional<platform::TcpStream> MemberCall::take_stream() {
  if (!chosen_) return std::nullopt;
  auto stream = std::move(chosen_);
  chosen_.reset();
  return stream;
}

void MemberCall::apply_actions(TimePoint now) {
  for (int round = 0; round < 16; ++round) {
    auto actions = rendezvous_.take_actions();
    if (actions.empty()) return;
    for (auto& action : actions) {
      using Kind = RendezvousAction::Kind;
      switch (action.kind) {
        case Kind::Send:
          if (const auto ec = send_to_daemon(*res_, action)) {
            rendezvous_.on_channel_error(action.channel, ec, now);
          }
          break;
        case Kind::Connect: {
          std::error_code ec;
          auto stream = platform::TcpStream::start_connect(action.endpoint, ec);
          if (ec) {
            rendezvous_.on_connect_result(ec, now);
          } else {
            connecting_ = std::move(stream);
          }
          break;
        }
        case Kind::Status:
          status_ = action.text;
          break;
        case Kind::Connected: {
          auto chosen = std::move(action.stream == Stream::Accepted ? accepted_ : outgoing_);
          connecting_.reset();
          accepted_ = {};
          outgoing_ = {};
          if (quitting_ || taken_ || !chosen.valid()) break;
          taken_ = true;
          res_->listener.close();
          chosen_ = std::move(chosen);
          break;
        }
        case Kind::Failed:
          failed_ = true;
          failure_ = action.text;
          break;
      }
    }
  }
}

}  // namespace talk::client
