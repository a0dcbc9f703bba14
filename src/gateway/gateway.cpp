// Gateway: the two ways a call starts, and the bookkeeping of the calls.
#include "gateway/gateway.hpp"

#include <algorithm>

#include "protocol/gateway_channel.hpp"
#include "protocol/sanitize.hpp"
#include "xmpp/chat_session.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::gateway {
namespace {

constexpr std::chrono::seconds kPresenceInterval{60};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

bool is_login_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

}  // namespace

std::string requested_user(std::string_view body) {
  body = trimmed(body);
  if (body.starts_with("talk ")) body = trimmed(body.substr(5));
  return is_login_name(body) && body.front() != '-' ? std::string(body) : std::string();
}

Gateway::Gateway(XmppHub& hub, const NameSource& names, platform::Logger& logger,
                 GatewaySettings settings, std::function<std::uint32_t()> random)
    : hub_(hub),
      names_(names),
      logger_(logger),
      settings_(std::move(settings)),
      random_(std::move(random)) {}

CallSettings Gateway::call_settings(CallDirection direction, const xmpp::Jid& peer) const {
  CallSettings s;
  s.direction = direction;
  s.host = settings_.host;
  s.me = settings_.me;
  s.peer = peer;
  s.talkd = settings_.talkd;
  s.invite_ipv4 = settings_.invite_ipv4;
  s.utf8 = settings_.utf8;
  s.first_seq = random_();
  s.ring_for = settings_.ring_for;
  return s;
}

Call* Gateway::call_with(const std::string& jid) {
  for (const auto& call : calls_) {
    if (call->peer() == jid && call->state() != Call::State::Closed) return call.get();
  }
  return nullptr;
}

bool Gateway::may_ring(const std::string& jid, Time now) {
  const auto it = last_ring_.find(jid);
  if (it != last_ring_.end() && now - it->second < settings_.ring_interval) return false;
  last_ring_[jid] = now;
  if (last_ring_.size() > 4096) {  // forget the old ones
    std::erase_if(last_ring_,
                  [&](const auto& e) { return now - e.second >= settings_.ring_interval; });
  }
  return true;
}

std::string Gateway::on_channel_message(std::string_view text, Time now) {
  std::string unknown = proto::encode_gateway_message({});
  const auto message = proto::parse_gateway_message(text);
  if (message && message->verb == proto::GatewayVerb::Cancel) {
    for (const auto& call : calls_) {
      if (call->direction() == CallDirection::ToXmpp && call->state() == Call::State::Ringing &&
          call->local_user() == message->caller && call->short_name() == message->callee) {
        call->end("[talk] " + message->caller + " stopped calling.");
      }
    }
    return proto::encode_gateway_message({proto::GatewayVerb::Ok, {}, {}, {}});
  }
  if (!message || message->verb != proto::GatewayVerb::Ring) return unknown;
  if (!hub_.online()) return unknown;
  const auto book = names_.book_for(message->caller);
  if (!book) return unknown;
  const auto jid = book->jid_for(message->callee);
  if (!jid) return unknown;
  proto::GatewayMessage ok;
  ok.verb = proto::GatewayVerb::Ok;
  const std::string peer = normal_bare(jid->bare());
  if (Call* call = call_with(peer)) {
    if (call->direction() != CallDirection::ToXmpp || call->local_user() != message->caller) {
      return unknown;  // busy with someone else
    }
    call->refresh(now);
    return proto::encode_gateway_message(ok);
  }
  if (!may_ring(peer, now)) return proto::encode_gateway_message(ok);  // rings again later
  auto channel = hub_.open_channel(peer);
  if (!channel) return unknown;
  CallSettings s = call_settings(CallDirection::ToXmpp, *jid);
  s.local_user = message->caller;
  s.short_name = message->callee;
  s.caller_addr = message->addr;
  auto call = std::make_unique<Call>(hub_, std::move(channel), std::move(s));
  std::string error;
  if (!call->start(now, error)) return unknown;
  logger_.log(platform::LogLevel::Info,
              "ringing " + proto::sanitize_for_terminal(peer) + " for " + message->caller);
  calls_.push_back(std::move(call));
  return proto::encode_gateway_message(ok);
}

void Gateway::reply(const std::string& to, const std::string& text) {
  xmpp::ChatMessage message;
  message.to = to;
  message.body = text;
  hub_.send(xmpp::build_message(message));
}

void Gateway::on_request(const xmpp::Element& stanza, Time now) {
  const auto message = xmpp::parse_message(stanza);
  if (!message || !message->body || (message->type != "chat" && message->type != "normal")) {
    return;
  }
  if (stanza.child("delay") != nullptr) return;  // stored while we were away: too late
  // A talk-ng client ringing the gateway itself: it is answered when a call to it starts.
  if (stanza.child("ring", xmpp::kRingNamespace) != nullptr) return;
  const std::string peer = normal_bare(message->from);
  if (peer.empty() || peer == settings_.me.bare()) return;
  const std::string user = requested_user(*message->body);
  if (user.empty()) {
    reply(peer, "[talk] To ring someone on " + settings_.host + ", send: talk USER");
    return;
  }
  const auto book = names_.book_for(user);
  const auto name = book ? book->name_for(peer) : std::nullopt;
  if (!name) {
    logger_.log(platform::LogLevel::Notice, "refused a ring from " +
                                                proto::sanitize_for_terminal(peer) + " to " + user +
                                                ": not in the user's names");
    reply(peer, "[talk] " + user + " cannot be rung from your address.");
    return;
  }
  if (call_with(peer) != nullptr) {
    reply(peer, "[talk] You are in a call through this gateway already.");
    return;
  }
  if (!may_ring(peer, now)) {
    reply(peer, "[talk] Please wait a few seconds before ringing again.");
    return;
  }
  auto channel = hub_.open_channel(peer);
  if (!channel) return;
  CallSettings s = call_settings(CallDirection::FromXmpp, *xmpp::parse_jid(peer));
  s.local_user = user;
  s.short_name = *name;
  auto call = std::make_unique<Call>(hub_, std::move(channel), std::move(s));
  std::string error;
  if (!call->start(now, error)) {
    logger_.log(platform::LogLevel::Warning, error);
    reply(peer, "[talk] " + user + " cannot be rung now.");
    return;
  }
  logger_.log(platform::LogLevel::Info,
              "ringing " + user + " for " + proto::sanitize_for_terminal(peer) + " as " + *name);
  reply(peer,
        "[talk] Ringing " + user + "@" + settings_.host + "; they answer with: talk " + *name);
  calls_.push_back(std::move(call));
}

void Gateway::add_poll(std::vector<platform::PollEntry>& entries) const {
  for (const auto& call : calls_) call->add_poll(entries);
}

void Gateway::on_poll(const std::vector<platform::PollEntry>& entries, Time now) {
  for (const auto& call : calls_) call->on_poll(entries, now);
}

void Gateway::publish_presence(Time now) {
  if (presence_ == nullptr || !hub_.online()) {
    if (!hub_.online()) {
      presence_sent_.clear();  // a new login starts afresh
      next_presence_.reset();
    }
    return;
  }
  if (next_presence_ && now < *next_presence_) return;
  next_presence_ = now + kPresenceInterval;
  std::vector<std::string> users = presence_->logged_in();
  for (const std::string& user : present_users_) {
    if (std::find(users.begin(), users.end(), user) == users.end()) users.push_back(user);
  }
  std::map<std::string, std::vector<std::pair<std::string, LocalPresence>>> per_jid;
  present_users_.clear();
  for (const std::string& user : users) {
    const std::vector<NameEntry> names = names_.own_names(user);
    if (names.empty()) continue;
    const LocalPresence p = presence_->of(user);
    if (p.availability != Availability::Offline) present_users_.push_back(user);
    for (const NameEntry& entry : names)
      per_jid[normal_bare(entry.jid.bare())].push_back({user, p});
  }
  for (const auto& [jid, sent] : presence_sent_) per_jid.try_emplace(jid);
  for (const auto& [jid, entries] : per_jid) {
    xmpp::Element stanza = presence_for(jid, entries);
    const auto it = presence_sent_.find(jid);
    if (it != presence_sent_.end() && it->second == stanza) continue;
    const bool unavailable = stanza.attribute("type") != nullptr;
    if (unavailable && it == presence_sent_.end()) continue;  // nothing to take back
    hub_.send(stanza);
    if (unavailable) {
      presence_sent_.erase(jid);
    } else {
      presence_sent_[jid] = std::move(stanza);
    }
  }
}

void Gateway::on_timer(Time now) {
  hub_.pump();
  publish_presence(now);
  for (const xmpp::Element& stanza : hub_.take_unrouted()) {
    if (stanza.name == "message") on_request(stanza, now);
  }
  for (const auto& call : calls_) call->on_timer(now);
  std::erase_if(calls_, [](const auto& call) { return call->state() == Call::State::Closed; });
}

std::optional<Gateway::Time> Gateway::next_due() const {
  std::optional<Time> due;
  for (const auto& call : calls_) {
    if (const auto t = call->next_due(); t && (!due || *t < *due)) due = t;
  }
  return due;
}

std::vector<LeftInvitation> Gateway::left_with_talkd(std::int64_t written) const {
  std::vector<LeftInvitation> left;
  for (const auto& call : calls_) {
    for (const std::uint32_t id : call->left_with_talkd()) {
      left.push_back({written, id, call->peer()});
    }
  }
  return left;
}

void Gateway::shutdown(const std::string& why) {
  for (const auto& call : calls_) call->end(why);
  calls_.clear();
}

}  // namespace talk::gateway
