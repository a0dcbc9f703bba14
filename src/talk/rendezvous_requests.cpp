// Rendezvous: the request side (encoding, retransmission with backoff, reply sources, channel
// errors and the otalk fallback).
#include <algorithm>
#include <utility>

#include "protocol/codec.hpp"
#include "talk/rendezvous.hpp"
#include "talk/status_texts.hpp"

namespace talk::client {
namespace {

std::size_t idx(DaemonHost host) {
  return static_cast<std::size_t>(host);
}
std::size_t idx(Dialect dialect) {
  return static_cast<std::size_t>(dialect);
}

proto::TalkAddr to_talk_addr(const platform::Ipv4Endpoint& endpoint) {
  return proto::make_inet_addr(endpoint.address, endpoint.port);
}

}  // namespace

using proto::RequestType;

void Rendezvous::request(DaemonHost host, RequestType type, Purpose purpose, std::uint32_t id,
                         TimePoint now) {
  host = route(host);
  const Millis give_up =
      purpose == Purpose::Cleanup ? config_.timing.cleanup_give_up : config_.timing.give_up;
  Pending p{host, type,         purpose, id, {false, false}, now, config_.timing.first_resend,
            now,  now + give_up};
  pending_.push_back(p);
  transmit_due(pending_.back(), now);
}

std::string Rendezvous::announced_name(RequestType type, Dialect dialect) const {
  if (!config_.announce_as_utalk || type != RequestType::Announce) return config_.my_name;
  // As utalk does: an old daemon's name field takes the mark only when the whole name still fits.
  if (dialect == Dialect::Otalk && config_.my_name.size() + 1 >= proto::kOtalkNameSize) {
    return config_.my_name;
  }
  return "!" + config_.my_name;
}

void Rendezvous::transmit(Pending& p, Dialect dialect) {
  p.tried[idx(dialect)] = true;
  proto::CtlMessage msg;
  msg.type = p.type;
  msg.id_num = p.id;
  msg.addr = to_talk_addr(config_.listen_addr);
  msg.ctl_addr = to_talk_addr(config_.ctl_addr[idx(p.host)][idx(dialect)]);
  msg.pid = config_.pid;
  msg.l_name = announced_name(p.type, dialect).substr(0, proto::kNameSize - 1);
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
  // Probe the old protocol on time even when the ntalk backoff would wait longer.
  if (dialect_[h] == HostDialect::Unknown && otalk_ok && !p.tried[1]) {
    p.next_send = std::min(p.next_send, p.started + config_.timing.otalk_after);
  }
  p.interval = std::min(p.interval * 2, config_.timing.max_resend);
}

bool Rendezvous::source_ok(Channel channel, const platform::Ipv4Endpoint& source) const {
  const auto& daemon = config_.daemon[idx(channel.host)][idx(channel.dialect)];
  if (source.port != daemon.port) return false;
  // A loopback daemon may answer from another 127/8 address than the one asked.
  return source.address == daemon.address ||
         (platform::is_loopback(source.address) && platform::is_loopback(daemon.address));
}

void Rendezvous::on_channel_error(Channel channel, std::error_code error, TimePoint now) {
  // A firewall's drop (EPERM) or a full queue loses one datagram: retransmission covers it.
  if (error == std::errc::operation_not_permitted || error == std::errc::no_buffer_space ||
      error == std::errc::not_enough_memory) {
    return;
  }
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

std::optional<TimePoint> Rendezvous::next_deadline() const {
  std::optional<TimePoint> next = ring_at_;
  for (const auto& timer : {check_at_, grace_at_}) {
    if (timer && (!next || *timer < *next)) next = timer;
  }
  for (const Pending& p : pending_) {
    const TimePoint t = std::min(p.next_send, p.give_up_at);
    if (!next || t < *next) next = t;
  }
  return next;
}

std::vector<RendezvousAction> Rendezvous::take_actions() {
  return std::exchange(actions_, {});
}

}  // namespace talk::client
