// Rendezvous: the BSD/netkit invitation sequence with retransmission and otalk fallback.
#include "talk/rendezvous.hpp"

#include <algorithm>
#include <utility>

#include "protocol/answer_text.hpp"
#include "protocol/codec.hpp"
#include "talk/status_texts.hpp"

namespace talk::client {
namespace {

using proto::Answer;
using proto::RequestType;

std::size_t idx(DaemonHost host) {
  return static_cast<std::size_t>(host);
}
std::size_t idx(Dialect dialect) {
  return static_cast<std::size_t>(dialect);
}

}  // namespace

Rendezvous::Rendezvous(RendezvousConfig config) : config_(std::move(config)) {}

DaemonHost Rendezvous::route(DaemonHost host) const {
  return config_.same_host ? DaemonHost::Local : host;
}

void Rendezvous::status(std::string_view text) {
  RendezvousAction action;
  action.kind = RendezvousAction::Kind::Status;
  action.text = std::string(text);
  actions_.push_back(std::move(action));
}

void Rendezvous::start(TimePoint now) {
  phase_ = Phase::LookingUp;
  status(text::kCheckingForInvitation);
  request(DaemonHost::Remote, RequestType::LookUp, Purpose::LookUp, 0, now);
}

void Rendezvous::on_datagram(Channel channel, std::span<const std::uint8_t> bytes,
                             const platform::Ipv4Endpoint& source, TimePoint now) {
  if (!source_ok(channel, source)) return;
  RequestType type{};
  Answer answer{};
  std::uint32_t id = 0;
  std::optional<platform::Ipv4Endpoint> addr;
  proto::TalkAddr talk_addr;
  if (channel.dialect == Dialect::Ntalk) {
    const auto decoded = proto::decode_ctl_response(bytes);
    if (!decoded.message || decoded.message->version != proto::kTalkVersion) return;
    type = decoded.message->type;
    answer = decoded.message->answer;
    id = decoded.message->id_num;
    talk_addr = decoded.message->addr;
  } else {
    const auto decoded = proto::decode_otalk_response(bytes);
    if (!decoded.message) return;
    type = decoded.message->type;
    answer = decoded.message->answer;
    id = decoded.message->id_num;
    talk_addr = decoded.message->addr;
  }
  if (talk_addr.family == proto::kAfInet)
    addr = platform::Ipv4Endpoint{talk_addr.ipv4, talk_addr.port};
  const DaemonHost host = route(channel.host);
  const auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) {
    return p.host == host && p.type == type && p.tried[idx(channel.dialect)];
  });
  if (it == pending_.end()) return;  // late, duplicated or unasked-for reply
  dialect_[idx(host)] = channel.dialect == Dialect::Ntalk ? HostDialect::Ntalk : HostDialect::Otalk;
  const Pending p = *it;
  pending_.erase(it);
  complete(p, answer, id, addr, now);
}

void Rendezvous::complete(Pending p, Answer answer, std::uint32_t id,
                          const std::optional<platform::Ipv4Endpoint>& addr, TimePoint now) {
  switch (p.purpose) {
    case Purpose::Cleanup:
      return;
    case Purpose::Check:
      on_check_reply(answer, id, addr, now);
      return;
    case Purpose::LookUp:
      if (phase_ != Phase::LookingUp) return;
      if (answer == Answer::Success && addr) {
        invitation_id_ = id;
        phase_ = Phase::Connecting;
        status(text::kWaitingToConnect);
        RendezvousAction action;
        action.kind = RendezvousAction::Kind::Connect;
        action.endpoint = *addr;
        actions_.push_back(std::move(action));
        return;
      }
      begin_invite(now);
      return;
    case Purpose::LeaveInvite:
      if (phase_ != Phase::Announcing) return;
      local_id_ = id;  // the answer field of this reply is junk on several daemons
      announce(now);
      return;
    case Purpose::Announce:
      if (phase_ != Phase::Announcing) return;
      if (answer != Answer::Success) {
        fail(proto::answer_text(answer), {});
        delete_invitations(now);
        return;
      }
      remote_id_ = id;
      if (!reringing_) status(text::kWaitingForParty);
      start_ringing(now);
      return;
  }
}

// Our invitation is stored before the callee is rung, so a callee that answers at once finds it.
void Rendezvous::begin_invite(TimePoint now) {
  phase_ = Phase::Announcing;
  msg_id_ = 0xffffffffu;  // an impossible id: the daemon rings and assigns one
  status(text::kTryingRemoteDaemon);
  request(DaemonHost::Local, RequestType::LeaveInvite, Purpose::LeaveInvite, msg_id_, now);
}

void Rendezvous::announce(TimePoint now) {
  if (!config_.ring) {
    if (!reringing_) status(text::kWaitingForParty);
    start_ringing(now);
    return;
  }
  request(DaemonHost::Remote, RequestType::Announce, Purpose::Announce, msg_id_, now);
}

void Rendezvous::on_connect_result(std::error_code error, TimePoint now) {
  if (phase_ == Phase::Crossing) {
    crossing_connect_result(error, now);
    return;
  }
  if (phase_ != Phase::Connecting) return;
  if (!error) {
    finish_connected(Stream::Outgoing, now);
    return;
  }
  // A stale invitation (its caller is gone): remove it and ring ourselves. The daemon is LIFO.
  request(DaemonHost::Remote, RequestType::Delete, Purpose::Cleanup, invitation_id_, now);
  begin_invite(now);
}

void Rendezvous::on_accepted(TimePoint now) {
  if (phase_ == Phase::Connected || phase_ == Phase::Failed || phase_ == Phase::Quitting) return;
  if (phase_ == Phase::Crossing) {
    crossing_accepted(now);
    return;
  }
  finish_connected(Stream::Accepted, now);
}

void Rendezvous::finish_connected(Stream stream, TimePoint now) {
  phase_ = Phase::Connected;
  ring_at_.reset();
  check_at_.reset();
  grace_at_.reset();
  std::erase_if(pending_, [](const Pending& p) { return p.purpose != Purpose::Cleanup; });
  // A connect decided on but not yet started is never started.
  std::erase_if(actions_, [](const RendezvousAction& a) {
    return a.kind == RendezvousAction::Kind::Connect;
  });
  delete_invitations(now);
  RendezvousAction action;
  action.kind = RendezvousAction::Kind::Connected;
  action.stream = stream;
  actions_.push_back(std::move(action));
}

void Rendezvous::delete_invitations(TimePoint now) {
  if (remote_id_)
    request(DaemonHost::Remote, RequestType::Delete, Purpose::Cleanup, *remote_id_, now);
  if (local_id_) request(DaemonHost::Local, RequestType::Delete, Purpose::Cleanup, *local_id_, now);
  remote_id_.reset();
  local_id_.reset();
}

void Rendezvous::on_quit(TimePoint now) {
  if (phase_ == Phase::Connected || phase_ == Phase::Failed) return;
  phase_ = Phase::Quitting;
  ring_at_.reset();
  check_at_.reset();
  grace_at_.reset();
  std::erase_if(pending_, [](const Pending& p) { return p.purpose != Purpose::Cleanup; });
  delete_invitations(now);
}

void Rendezvous::fail(std::string text, std::string detail) {
  phase_ = Phase::Failed;
  ring_at_.reset();
  check_at_.reset();
  grace_at_.reset();
  std::erase_if(pending_, [](const Pending& p) { return p.purpose != Purpose::Cleanup; });
  RendezvousAction action;
  action.kind = RendezvousAction::Kind::Failed;
  action.text = std::move(text);
  action.detail = std::move(detail);
  actions_.push_back(std::move(action));
}

std::string Rendezvous::daemon_hint(DaemonHost host) const {
  const bool local = host == DaemonHost::Local || config_.same_host;
  const std::string where = local ? "this machine" : config_.remote_host_name;
  return "No talk daemon answers on " + where + " (UDP port " +
         std::to_string(config_.daemon[idx(host)][0].port) +
         "). Start talkd there (from inetd, or systemd's talkd.socket), or ask its administrator.";
}

void Rendezvous::on_timer(TimePoint now) {
  std::vector<Pending> expired;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (now >= it->give_up_at) {
      expired.push_back(*it);
      it = pending_.erase(it);
    } else {
      transmit_due(*it, now);
      ++it;
    }
  }
  for (const Pending& p : expired) {
    if (p.purpose == Purpose::Cleanup || phase_ == Phase::Failed || phase_ == Phase::Quitting) {
      continue;
    }
    if (p.purpose == Purpose::Check) {  // an unanswered check finds nothing
      on_check_reply(Answer::NotHere, 0, std::nullopt, now);
      continue;
    }
    if (p.purpose == Purpose::LeaveInvite && phase_ == Phase::Announcing) {
      announce(now);  // ring anyway: a callee who rings back is met by the checks
      continue;
    }
    const std::string where =
        p.host == DaemonHost::Local ? std::string("this machine") : config_.remote_host_name;
    fail("No answer from the talk daemon on " + where, daemon_hint(p.host));
    delete_invitations(now);
  }
  crossing_timers(now);
}

}  // namespace talk::client
