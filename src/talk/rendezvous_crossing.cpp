// Rendezvous: ringing, re-ringing and crossing calls. While we ring, LOOK_UPs at the callee's
// daemon (backing off, and before every re-ring) notice that the callee has left an invitation
// for us (they rang us back) and connect to it. If both sides connect at once, the connection to
// the lower listening address survives: both sides know both addresses (their own, and the one
// in the other's invitation), so both keep the same connection and drop the other.
#include <algorithm>
#include <tuple>
#include <utility>

#include "protocol/codec.hpp"
#include "talk/rendezvous.hpp"
#include "talk/status_texts.hpp"

namespace talk::client {

using proto::Answer;
using proto::RequestType;

void Rendezvous::start_ringing(TimePoint now) {
  phase_ = Phase::Ringing;
  ring_at_ = now + config_.timing.ring_wait;
  check_interval_ = config_.timing.first_check;
  check_at_ = now + check_interval_;
}

void Rendezvous::check_for_crossing(bool then_rering, TimePoint now) {
  rering_after_check_ = rering_after_check_ || then_rering;
  check_at_.reset();
  if (checking_) return;
  checking_ = true;
  request(DaemonHost::Remote, RequestType::LookUp, Purpose::Check, 0, now);
}

void Rendezvous::on_check_reply(Answer answer, std::uint32_t id,
                                const std::optional<platform::Ipv4Endpoint>& addr, TimePoint now) {
  checking_ = false;
  if (phase_ != Phase::Ringing) return;
  // Our own invitation (talking to ourselves) is not a crossing call.
  if (answer == Answer::Success && addr && *addr != config_.listen_addr) {
    phase_ = Phase::Crossing;
    peer_listen_ = addr;
    invitation_id_ = id;
    outgoing_ = Outgoing::InFlight;
    accepted_held_ = false;
    ring_at_.reset();
    check_at_.reset();
    RendezvousAction action;
    action.kind = RendezvousAction::Kind::Connect;
    action.endpoint = *addr;
    actions_.push_back(std::move(action));
    return;
  }
  if (std::exchange(rering_after_check_, false)) {
    rering(now);
    return;
  }
  check_interval_ = std::min(check_interval_ * 2, config_.timing.max_check);
  check_at_ = now + check_interval_;
}

void Rendezvous::rering(TimePoint now) {
  reringing_ = true;
  phase_ = Phase::Announcing;
  if (config_.ring) status(text::kRingingAgain);
  msg_id_ = remote_id_.value_or(0xfffffffeu) + 1;  // a higher id makes the daemon ring again
  request(DaemonHost::Local, RequestType::LeaveInvite, Purpose::LeaveInvite, msg_id_, now);
}

bool Rendezvous::lower_listener() const {
  const auto& mine = config_.listen_addr;
  const auto& theirs = *peer_listen_;
  return std::tie(mine.address, mine.port) < std::tie(theirs.address, theirs.port);
}

// Someone connected to our listener while we connect to theirs.
void Rendezvous::crossing_accepted(TimePoint now) {
  if (lower_listener() || outgoing_ == Outgoing::None) {
    finish_connected(Stream::Accepted, now);  // theirs to us survives
    return;
  }
  accepted_held_ = true;  // ours to them survives if it connects
}

void Rendezvous::crossing_connect_result(std::error_code error, TimePoint now) {
  if (!error) {
    outgoing_ = Outgoing::Up;
    if (!lower_listener()) {
      finish_connected(Stream::Outgoing, now);
      return;
    }
    // Theirs to us would survive: give a connect they have already started time to arrive.
    grace_at_ = now + config_.timing.crossing_grace;
    return;
  }
  outgoing_ = Outgoing::None;
  if (accepted_held_) {
    finish_connected(Stream::Accepted, now);
    return;
  }
  // A stale invitation: remove it and go on ringing.
  request(DaemonHost::Remote, RequestType::Delete, Purpose::Cleanup, invitation_id_, now);
  peer_listen_.reset();
  start_ringing(now);
}

void Rendezvous::crossing_timers(TimePoint now) {
  if (phase_ == Phase::Crossing && grace_at_ && now >= *grace_at_) {
    grace_at_.reset();
    finish_connected(Stream::Outgoing, now);
    return;
  }
  if (phase_ != Phase::Ringing) return;
  if (ring_at_ && now >= *ring_at_) {
    ring_at_.reset();
    check_for_crossing(true, now);
  } else if (check_at_ && now >= *check_at_) {
    check_for_crossing(false, now);
  }
}

}  // namespace talk::client
