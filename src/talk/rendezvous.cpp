// Rendezvous: the BSD/netkit invitation sequence with retransmission and otalk fallback.
#include "talk/rendezvous.hpp"

#include <algorithm>
#include <cerrno>

#include "protocol/answer_text.hpp"
#include "protocol/codec.hpp"
#include "talk/status_texts.hpp"

namespace talk::client {
namespace {

using proto::Answer;
using proto::RequestType;

std::size_t idx(DaemonHost host) { return static_cast<std::size_t>(host); }
std::size_t idx(Dialect dialect) { return static_cast<std::size_t>(dialect); }

proto::TalkAddr to_talk_addr(const platform::Ipv4Endpoint& endpoint) {
  return proto::make_inet_addr(endpoint.address, endpoint.port);
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

void Rendezvous::request(DaemonHost host, RequestType type, Purpose purpose, std::uint32_t id,
                         TimePoint now) {
  host = route(host);
  const Millis give_up =
      purpose == Purpose::Cleanup ? config_.timing.cleanup_give_up : config_.timing.give_up;
  Pending p{host, type, purpose, id, {false, false}, now, config_.timing.first_resend, now,
            now + give_up};
  pending_.push_back(p);
  transmit_due(pending_.back(), now);
}

void Rendezvous::transmit(Pending& p, Dialect dialect) {
  p.tried[idx(dialect)] = true;
  proto::CtlMessage msg;
  msg.type = p.type;
  msg.id_num = p.id;
  msg.addr = to_talk_addr(config_.listen_addr);
  msg.ctl_addr = to_talk_addr(config_.ctl_addr[idx(p.host)][idx(dialect)]);
  msg.pid = config_.pid;
  msg.l_name = config_.my_name.substr(0, proto::kNameSize - 1);
  msg.r_name = config_.peer_name.substr(0, proto::kNameSize - 1);
  msg.r_tty = config_.peer_tty.substr(0, proto::kTtySize - 1);
  RendezvousAction action;
  action.kind = RendezvousAction::Kind::Send;
  action.channel = {p.host, dialect};
  if (dialect == Dialect::Ntalk) {
    const auto bytes = proto::encode(msg);
    action.bytes.assign(bytes.begin(), bytes.end());
  } else {
    const auto bytes = proto::encode(proto::to_otalk_message(msg));
    action.bytes.assign(bytes.begin(), bytes.end());
  }
  actions_.push_back(std::move(action));
  ++sent_;
}

void Rendezvous::transmit_due(Pending& p, TimePoint now) {
  if (now < p.next_send) return;
  const auto h = idx(p.host);
  const bool otalk_ok = config_.otalk_enabled && !refused_[h][1];
  if (dialect_[h] == HostDialect::Ntalk) {
    transmit(p, Dialect::Ntalk);
  } else if (dialect_[h] == HostDialect::Otalk) {
    transmit(p, Dialect::Otalk);
  } else {
    if (!refused_[h][0]) transmit(p, Dialect::Ntalk);
    const bool ntalk_silent = now - p.started >= config_.timing.otalk_after || refused_[h][0];
    if (otalk_ok && ntalk_silent) transmit(p, Dialect::Otalk);
  }
  p.next_send = now + p.interval;
  p.interval = std::min(p.interval * 2, config_.timing.max_resend);
}

bool Rendezvous::source_ok(Channel channel, const platform::Ipv4Endpoint& source) const {
  const auto& daemon = config_.daemon[idx(channel.host)][idx(channel.dialect)];
  if (source.port != daemon.port) return false;
  // A loopback daemon may answer from another 127/8 address than the one asked.
  return source.address == daemon.address ||
         (platform::is_loopback(source.address) && platform::is_loopback(daemon.address));
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
  if (talk_addr.family == proto::kAfInet) addr = platform::Ipv4Endpoint{talk_addr.ipv4, talk_addr.port};
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
    case Purpose::Announce:
      if (phase_ != Phase::Announcing) return;
      if (answer != Answer::Success) {
        fail(proto::answer_text(answer), {});
        delete_invitations(now);
        return;
      }
      remote_id_ = id;
      request(DaemonHost::Local, RequestType::LeaveInvite, Purpose::LeaveInvite, msg_id_, now);
      return;
    case Purpose::LeaveInvite:
      if (phase_ != Phase::Announcing) return;
      local_id_ = id;  // the answer field of this reply is junk on several daemons
      phase_ = Phase::Ringing;
      if (!reringing_) status(text::kWaitingForParty);
      ring_at_ = now + config_.timing.ring_wait;
      return;
  }
}

void Rendezvous::begin_invite(TimePoint now) {
  phase_ = Phase::Announcing;
  msg_id_ = 0xffffffffu;  // an impossible id: the daemon rings and assigns one
  status(text::kTryingRemoteDaemon);
  request(DaemonHost::Remote, RequestType::Announce, Purpose::Announce, msg_id_, now);
}

void Rendezvous::on_connect_result(std::error_code error, TimePoint now) {
  if (phase_ != Phase::Connecting) return;
  if (!error) {
    phase_ = Phase::Connected;
    actions_.push_back({RendezvousAction::Kind::Connected, {}, {}, {}, {}, {}});
    return;
  }
  // A stale invitation (its caller is gone): remove it and ring ourselves. The daemon is LIFO.
  request(DaemonHost::Remote, RequestType::Delete, Purpose::Cleanup, invitation_id_, now);
  begin_invite(now);
}

void Rendezvous::on_accepted(TimePoint now) {
  if (phase_ == Phase::Connected || phase_ == Phase::Failed || phase_ == Phase::Quitting) return;
  finish_connected(now);
}

void Rendezvous::finish_connected(TimePoint now) {
  phase_ = Phase::Connected;
  ring_at_.reset();
  std::erase_if(pending_, [](const Pending& p) { return p.purpose != Purpose::Cleanup; });
  delete_invitations(now);
  actions_.push_back({RendezvousAction::Kind::Connected, {}, {}, {}, {}, {}});
}

void Rendezvous::delete_invitations(TimePoint now) {
  if (remote_id_) request(DaemonHost::Remote, RequestType::Delete, Purpose::Cleanup, *remote_id_, now);
  if (local_id_) request(DaemonHost::Local, RequestType::Delete, Purpose::Cleanup, *local_id_, now);
  remote_id_.reset();
  local_id_.reset();
}

void Rendezvous::on_quit(TimePoint now) {
  if (phase_ == Phase::Connected || phase_ == Phase::Failed) return;
  phase_ = Phase::Quitting;
  ring_at_.reset();
  std::erase_if(pending_, [](const Pending& p) { return p.purpose != Purpose::Cleanup; });
  delete_invitations(now);
}

void Rendezvous::fail(std::string text, std::string detail) {
  phase_ = Phase::Failed;
  ring_at_.reset();
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

void Rendezvous::on_channel_error(Channel channel, std::error_code error, TimePoint now) {
  const DaemonHost host = route(channel.host);
  const auto h = idx(host);
  refused_[h][idx(channel.dialect)] = true;
  const bool otalk_possible = config_.otalk_enabled && !refused_[h][1];
  const bool dead = dialect_[h] != HostDialect::Unknown
                        ? (dialect_[h] == HostDialect::Ntalk) == (channel.dialect == Dialect::Ntalk)
                        : (refused_[h][0] && !otalk_possible);
  std::vector<Pending> on_host;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (it->host != host) {
      ++it;
    } else if (dead) {
      on_host.push_back(*it);
      it = pending_.erase(it);
    } else {
      if (!it->tried[1] && otalk_possible) transmit(*it, Dialect::Otalk);
      ++it;
    }
  }
  if (!dead) return;
  const bool blocking = std::any_of(on_host.begin(), on_host.end(),
                                    [](const Pending& p) { return p.purpose != Purpose::Cleanup; });
  if (blocking && phase_ != Phase::Failed && phase_ != Phase::Quitting) {
    const std::string reason = error == std::errc::connection_refused
                                   ? std::string("Connection refused")
                                   : error.message();
    fail(std::string(text::kReadFromDaemon) + ": " + reason, daemon_hint(host));
    delete_invitations(now);
  }
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
    const std::string where =
        p.host == DaemonHost::Local ? std::string("this machine") : config_.remote_host_name;
    fail("No answer from the talk daemon on " + where, daemon_hint(p.host));
    delete_invitations(now);
  }
  if (ring_at_ && now >= *ring_at_ && phase_ == Phase::Ringing && remote_id_) {
    ring_at_.reset();
    reringing_ = true;
    phase_ = Phase::Announcing;
    status(text::kRingingAgain);
    msg_id_ = *remote_id_ + 1;  // a higher id makes the daemon ring again
    request(DaemonHost::Remote, RequestType::Announce, Purpose::Announce, msg_id_, now);
  }
}

std::optional<TimePoint> Rendezvous::next_deadline() const {
  std::optional<TimePoint> next = ring_at_;
  for (const Pending& p : pending_) {
    const TimePoint t = std::min(p.next_send, p.give_up_at);
    if (!next || t < *next) next = t;
  }
  return next;
}

std::vector<RendezvousAction> Rendezvous::take_actions() { return std::exchange(actions_, {}); }

}  // namespace talk::client
