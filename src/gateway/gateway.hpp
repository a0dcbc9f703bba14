// The gateway's core: calls handed over by talkd (talk -> XMPP), requests from XMPP users to
// ring a local user (XMPP -> talk), the rate limit per JID, and the calls in progress.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/call.hpp"
#include "gateway/left_invitations.hpp"
#include "gateway/name_source.hpp"
#include "gateway/presence.hpp"
#include "gateway/xmpp_hub.hpp"
#include "platform/client_poll.hpp"
#include "platform/logger.hpp"

namespace talk::gateway {

struct GatewaySettings {
  xmpp::Jid me;                  // the gateway's account
  std::string host;              // this host's name, for texts
  platform::Ipv4Endpoint talkd;  // talkd's ntalk socket
  std::uint32_t invite_ipv4 = platform::kLoopbackAddress;
  bool utf8 = false;
  std::chrono::seconds ring_interval{10};  // at most one ring per JID in this time
  std::chrono::seconds ring_for{120};
};

class Gateway {
 public:
  using Time = std::chrono::steady_clock::time_point;

  Gateway(XmppHub& hub, const NameSource& names, platform::Logger& logger, GatewaySettings settings,
          std::function<std::uint32_t()> random);

  /// The answer to one message from talkd's channel.
  std::string on_channel_message(std::string_view text, Time now);

  void add_poll(std::vector<platform::PollEntry>& entries) const;
  void on_poll(const std::vector<platform::PollEntry>& entries, Time now);
  /// Pumps the XMPP login, handles requests, runs the calls' timers, drops ended calls.
  void on_timer(Time now);
  std::optional<Time> next_due() const;

  /// Publishes local users' presence to the JIDs they listed (null: never).
  void set_presence(const PresenceSource* presence) { presence_ = presence; }

  /// Sends `text` to `jid` as a plain message.
  void tell(const std::string& jid, const std::string& text) { reply(jid, text); }
  /// Ends every call, telling both sides `why`.
  void shutdown(const std::string& why);
  std::size_t calls() const { return calls_.size(); }
  /// Every invitation the calls have left with talkd now, stamped `written`.
  std::vector<LeftInvitation> left_with_talkd(std::int64_t written) const;

 private:
  void on_request(const xmpp::Element& stanza, Time now);
  void publish_presence(Time now);
  void reply(const std::string& to, const std::string& text);
  bool may_ring(const std::string& jid, Time now);
  Call* call_with(const std::string& jid);
  CallSettings call_settings(CallDirection direction, const xmpp::Jid& peer) const;

  XmppHub& hub_;
  const NameSource& names_;
  platform::Logger& logger_;
  GatewaySettings settings_;
  std::function<std::uint32_t()> random_;
  std::vector<std::unique_ptr<Call>> calls_;
  std::map<std::string, Time> last_ring_;  // per bare JID
  const PresenceSource* presence_ = nullptr;
  std::map<std::string, xmpp::Element> presence_sent_;  // per bare JID
  std::vector<std::string> present_users_;              // in the last publication
  std::optional<Time> next_presence_;
};

/// The local user an XMPP request names ("talk bob" or "bob"); empty when it names none.
std::string requested_user(std::string_view body);

}  // namespace talk::gateway
