// One conversation through the gateway: a ChatSession with an XMPP peer on one side, a classic
// talk stream on the other (connected to the caller's invitation for a call to XMPP; accepted
// from the callee for a call from XMPP), and the translation between them.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateway/talk_translation.hpp"
#include "gateway/talkd_invitation.hpp"
#include "gateway/xmpp_hub.hpp"
#include "platform/client_poll.hpp"
#include "platform/tcp_socket.hpp"
#include "xmpp/chat_session.hpp"

namespace talk::gateway {

enum class CallDirection : std::uint8_t { ToXmpp, FromXmpp };

struct CallSettings {
  CallDirection direction = CallDirection::ToXmpp;
  std::string local_user;        // the talk user on this host
  std::string short_name;        // the XMPP peer's name in that user's names
  std::string host;              // this host's name, for texts
  xmpp::Jid me;                  // the gateway's JID
  xmpp::Jid peer;                // bare
  proto::TalkAddr caller_addr;   // ToXmpp: the caller's invitation
  platform::Ipv4Endpoint talkd;  // FromXmpp: where talkd listens
  std::uint32_t invite_ipv4 = platform::kLoopbackAddress;  // FromXmpp: our address to announce
  bool utf8 = false;  // send UTF-8 to the talk side (else ASCII)
  std::uint32_t first_seq = 0;
  std::chrono::seconds ring_for{120};  // how long a ring waits for an answer
};

class Call {
 public:
  using Time = std::chrono::steady_clock::time_point;
  enum class State : std::uint8_t { Ringing, Connecting, Handshake, Open, Closed };

  Call(XmppHub& hub, std::unique_ptr<XmppHub::Channel> channel, CallSettings settings);
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;
  ~Call();

  /// Starts ringing: the XMPP peer (ToXmpp) or the local user's terminal (FromXmpp); false
  /// with `error` set when it cannot.
  bool start(Time now, std::string& error);
  /// talkd offered the same call again (the caller re-announced): keep ringing.
  void refresh(Time now) { last_offer_ = now; }

  void add_poll(std::vector<platform::PollEntry>& entries) const;
  void on_poll(const std::vector<platform::PollEntry>& entries, Time now);
  /// The hub was pumped: the session's events, timers, output.
  void on_timer(Time now);
  std::optional<Time> next_due() const;

  /// Ends the call, telling both sides `why` (empty: nothing to add).
  void end(const std::string& why);

  State state() const { return state_; }
  /// The ids of what this call has left with talkd now.
  std::vector<std::uint32_t> left_with_talkd() const {
    return invitation_ && state_ != State::Closed ? invitation_->outstanding()
                                                  : std::vector<std::uint32_t>{};
  }
  CallDirection direction() const { return settings_.direction; }
  const std::string& peer() const { return channel_->peer(); }
  const std::string& local_user() const { return settings_.local_user; }
  const std::string& short_name() const { return settings_.short_name; }

 private:
  void handle(const xmpp::ChatEvent& event, Time now);
  void connect_to_caller(Time now);
  void stream_ready(Time now);
  void read_stream(Time now);
  void flush();
  void notify_peer(const std::string& text);
  void close_stream();

  XmppHub& hub_;
  std::unique_ptr<XmppHub::Channel> channel_;
  CallSettings settings_;
  xmpp::ChatSession session_;
  std::optional<TalkdInvitation> invitation_;
  platform::TcpListener listener_;
  platform::TcpStream stream_;
  TalkInput input_;
  std::string out_;        // talk bytes waiting for the stream
  std::string got_chars_;  // the talk peer's edit characters, as they arrive
  State state_ = State::Ringing;
  Time started_{};
  Time last_offer_{};
  Time next_announce_{};
};

}  // namespace talk::gateway
