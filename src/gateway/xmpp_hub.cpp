// XmppHub: routing stanzas between the one login and the calls' channels.
#include "gateway/xmpp_hub.hpp"

#include <algorithm>

#include "gateway/names_file.hpp"
#include "xmpp/jid.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::gateway {

std::string normal_bare(const std::string& jid) {
  return comparable_bare(jid);
}

XmppHub::Channel::~Channel() {
  std::erase(hub_.channels_, this);
}

bool XmppHub::Channel::connect(const xmpp::Account& /*account*/, const std::string& /*password*/,
                               const std::string& /*resource*/, xmpp::ConnectionEvents& events,
                               std::string& /*error*/) {
  events_ = &events;
  open_ = true;
  connected_due_ = hub_.online_;
  return true;
}

void XmppHub::Channel::send(const xmpp::Element& stanza) {
  if (!open_ || !hub_.online_) return;
  if (stanza.name == "presence" && stanza.attribute("to") == nullptr) return;
  hub_.upstream_.send(stanza);
}

void XmppHub::Channel::disconnect() {
  if (!open_) return;
  open_ = false;
  disconnected_due_ = std::string();
}

std::chrono::milliseconds XmppHub::Channel::max_wait() const {
  return hub_.max_wait();
}

void XmppHub::Channel::inject(const xmpp::Element& stanza) {
  if (events_ != nullptr) events_->received(stanza);
}

bool XmppHub::start(const xmpp::Account& account, const std::string& password, std::string& error) {
  return upstream_.connect(account, password, "gateway", *this, error);
}

XmppHub::Channel* XmppHub::channel_for(const std::string& peer_bare) const {
  const auto it = std::find_if(channels_.begin(), channels_.end(),
                               [&peer_bare](const Channel* c) { return c->peer_ == peer_bare; });
  return it == channels_.end() ? nullptr : *it;
}

bool XmppHub::has_channel(const std::string& peer_bare) const {
  return channel_for(normal_bare(peer_bare)) != nullptr;
}

std::unique_ptr<XmppHub::Channel> XmppHub::open_channel(const std::string& peer_bare) {
  const std::string peer = normal_bare(peer_bare);
  if (peer.empty() || channel_for(peer) != nullptr) return nullptr;
  auto channel = std::make_unique<Channel>(*this, peer);
  channels_.push_back(channel.get());
  return channel;
}

void XmppHub::pump() {
  upstream_.pump();
  // A session may close its channel from inside an event: work on a copy of the list.
  const std::vector<Channel*> channels = channels_;
  for (Channel* c : channels) {
    if (std::find(channels_.begin(), channels_.end(), c) == channels_.end()) continue;
    if (c->events_ == nullptr) continue;
    if (c->connected_due_ && c->open_ && online_) {
      c->connected_due_ = false;
      c->events_->connected("");
    }
    if (c->disconnected_due_) {
      const std::string reason = *c->disconnected_due_;
      c->disconnected_due_.reset();
      c->events_->disconnected(reason);
    }
  }
}

void XmppHub::answer_iq(const xmpp::Element& stanza) {
  const std::string* type = stanza.attribute("type");
  if (type == nullptr || (*type != "get" && *type != "set")) return;
  if (xmpp::is_disco_info_query(stanza)) {
    upstream_.send(xmpp::build_disco_info_result(stanza));
    return;
  }
  xmpp::Element error;  // RFC 6120 8.4: a request we do not understand gets an error back
  error.name = "iq";
  error.set_attribute("type", "error");
  if (const std::string* from = stanza.attribute("from")) error.set_attribute("to", *from);
  if (const std::string* id = stanza.attribute("id")) error.set_attribute("id", *id);
  xmpp::Element& e = error.add_child("error");
  e.set_attribute("type", "cancel");
  e.add_child("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas");
  upstream_.send(error);
}

std::vector<xmpp::Element> XmppHub::take_unrouted() {
  return std::exchange(unrouted_, {});
}

void XmppHub::connected(const std::string& /*bound_jid*/) {
  online_ = true;
  lost_.reset();
  upstream_.send(xmpp::build_presence(xmpp::Presence{}));
  for (Channel* c : channels_) c->connected_due_ = c->open_;
}

void XmppHub::disconnected(const std::string& reason) {
  online_ = false;
  lost_ = reason.empty() ? std::string("logged out") : reason;
  for (Channel* c : channels_) {
    if (c->open_) c->disconnected_due_ = reason.empty() ? std::string("logged out") : reason;
    c->open_ = false;
  }
}

void XmppHub::received(const xmpp::Element& stanza) {
  const std::string* from = stanza.attribute("from");
  const std::string peer = from != nullptr ? normal_bare(*from) : std::string();
  if (Channel* c = channel_for(peer); c != nullptr && c->events_ != nullptr && c->open_) {
    c->events_->received(stanza);
    return;
  }
  if (stanza.name == "iq") {
    answer_iq(stanza);
    return;
  }
  if (unrouted_.size() < 256) unrouted_.push_back(stanza);
}

}  // namespace talk::gateway
