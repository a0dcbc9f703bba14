// Call: ringing either way, the talk stream's set-up, and the traffic between the two sides.
#include "gateway/call.hpp"

#include <array>

#include "xmpp/chat_state.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::gateway {
namespace {

constexpr std::chrono::seconds kReannounce{30};
constexpr std::chrono::seconds kOfferLife{75};  // a caller re-announces every 30 s
constexpr std::size_t kMaxPending = std::size_t{64} * 1024;

xmpp::ChatSettings chat_settings(const CallSettings& s) {
  xmpp::ChatSettings chat;
  chat.me = s.me;
  chat.peer = s.peer;
  chat.first_seq = s.first_seq;
  return chat;
}

}  // namespace

Call::Call(XmppHub& hub, std::unique_ptr<XmppHub::Channel> channel, CallSettings settings)
    : hub_(hub),
      channel_(std::move(channel)),
      settings_(std::move(settings)),
      session_(*channel_, chat_settings(settings_)) {
  session_.set_ring_text("[talk] " + settings_.local_user + "@" + settings_.host +
                         " wants to talk with you. Answer with: talk xmpp:" + settings_.me.bare() +
                         " (or any message to " + settings_.me.bare() + ")");
}

Call::~Call() {
  end({});
}

bool Call::start(Time now, std::string& error) {
  started_ = now;
  last_offer_ = now;
  xmpp::Account account;
  account.jid = settings_.me;
  if (!session_.start(account, {}, error)) return false;
  if (settings_.direction == CallDirection::ToXmpp) return true;

  // From XMPP: the peer asked for this call, so the chat counts as answered from the start.
  xmpp::Element hello;
  hello.name = "message";
  hello.set_attribute("from", settings_.peer.bare());
  hello.set_attribute("type", "chat");
  hello.add_child("active", "http://jabber.org/protocol/chatstates");
  channel_->inject(hello);
  (void)session_.take_events();

  std::error_code ec;
  listener_ = platform::TcpListener::open_any(ec);
  if (!ec) {
    const proto::TalkAddr addr{proto::kAfInet, listener_.port(), settings_.invite_ipv4, {}};
    invitation_.emplace(settings_.talkd, settings_.short_name, settings_.local_user, addr,
                        static_cast<std::int32_t>(listener_.port()));
    ec = invitation_->open();
  }
  if (ec) {
    error = "cannot invite through talkd: " + ec.message();
    return false;
  }
  invitation_->announce(now);
  next_announce_ = now + kReannounce;
  return true;
}

void Call::notify_peer(const std::string& text) {
  xmpp::ChatMessage message;
  message.to = settings_.peer.bare();
  message.body = text;
  if (hub_.online()) hub_.send(xmpp::build_message(message));
}

void Call::add_poll(std::vector<platform::PollEntry>& entries) const {
  if (state_ == State::Closed) return;
  if (invitation_ && invitation_->fd() >= 0) entries.push_back({invitation_->fd(), true});
  if (state_ == State::Ringing && listener_.fd() >= 0) entries.push_back({listener_.fd(), true});
  if (state_ == State::Connecting) entries.push_back({stream_.fd(), false, true});
  if (state_ == State::Handshake || state_ == State::Open) entries.push_back({stream_.fd(), true});
}

void Call::on_poll(const std::vector<platform::PollEntry>& entries, Time now) {
  for (const platform::PollEntry& e : entries) {
    if (state_ == State::Closed) return;
    if (!e.readable && !e.writable && !e.failed) continue;
    if (invitation_ && e.fd == invitation_->fd()) {
      invitation_->on_readable(now);
    } else if (state_ == State::Ringing && e.fd == listener_.fd()) {
      std::error_code ec;
      platform::Ipv4Endpoint from;
      platform::TcpStream accepted = listener_.accept(ec, from);
      if (!ec && accepted.valid()) {
        stream_ = std::move(accepted);
        stream_ready(now);
      }
    } else if (state_ == State::Connecting && e.fd == stream_.fd()) {
      if (stream_.connect_result()) {
        notify_peer("[talk] " + settings_.local_user + " is no longer waiting for you.");
        end({});
        return;
      }
      stream_ready(now);
    } else if ((state_ == State::Handshake || state_ == State::Open) && e.fd == stream_.fd()) {
      read_stream(now);
    }
  }
}

void Call::connect_to_caller(Time now) {
  (void)now;
  std::error_code ec;
  stream_ = platform::TcpStream::start_connect(
      {settings_.caller_addr.ipv4, settings_.caller_addr.port}, ec);
  if (ec) {
    notify_peer("[talk] " + settings_.local_user + " is no longer waiting for you.");
    end({});
    return;
  }
  state_ = State::Connecting;
}

void Call::stream_ready(Time now) {
  (void)now;
  (void)stream_.prepare_for_conversation();
  const std::string chars{static_cast<char>(kGatewayErase), static_cast<char>(kGatewayKill),
                          static_cast<char>(kGatewayWordErase)};
  out_.insert(0, chars);
  state_ = State::Handshake;
  if (invitation_) invitation_->withdraw();
  listener_.close();
  if (settings_.direction == CallDirection::FromXmpp) {
    notify_peer("[talk] " + settings_.local_user + " answered.");
  }
  flush();
}

void Call::read_stream(Time now) {
  std::array<std::uint8_t, 1024> buffer{};
  std::size_t got = 0;
  const std::error_code ec = stream_.read(buffer, got);
  if (ec == std::errc::resource_unavailable_try_again) return;
  if (ec || got == 0) {  // the talk side hung up
    session_.quit();
    close_stream();
    state_ = State::Closed;
    return;
  }
  std::span<const std::uint8_t> bytes(buffer.data(), got);
  while (state_ == State::Handshake && !bytes.empty()) {
    got_chars_.push_back(static_cast<char>(bytes.front()));
    bytes = bytes.subspan(1);
    if (got_chars_.size() == 3) {
      input_.set_edit_chars(static_cast<std::uint8_t>(got_chars_[0]),
                            static_cast<std::uint8_t>(got_chars_[1]),
                            static_cast<std::uint8_t>(got_chars_[2]));
      state_ = State::Open;
    }
  }
  for (const TalkEdit& edit : input_.feed(bytes)) {
    switch (edit.kind) {
      case TalkEdit::Kind::Text:
        session_.type(edit.text, now);
        break;
      case TalkEdit::Kind::Erase:
        session_.erase(now);
        break;
      case TalkEdit::Kind::WordErase:
        session_.erase_word(now);
        break;
      case TalkEdit::Kind::Kill:
        session_.kill(now);
        break;
      case TalkEdit::Kind::Newline:
        session_.enter(now);
        break;
    }
  }
}

void Call::on_timer(Time now) {
  if (state_ == State::Closed) return;
  session_.poll(now);
  for (const xmpp::ChatEvent& event : session_.take_events()) {
    handle(event, now);
    if (state_ == State::Closed) return;
  }
  if (invitation_ && state_ == State::Ringing) {
    invitation_->on_timer(now);
    if (const auto answer = invitation_->announced(); answer && *answer != proto::Answer::Success) {
      end("[talk] " + settings_.local_user + " cannot be rung now.");
      return;
    }
    if (invitation_->unanswered()) {
      end("[talk] the talk daemon on " + settings_.host + " does not answer.");
      return;
    }
    if (now >= next_announce_) {
      invitation_->announce(now);
      next_announce_ = now + kReannounce;
    }
  }
  if (state_ == State::Ringing && now - started_ >= settings_.ring_for) {
    end("[talk] " + settings_.local_user + " did not answer.");
    return;
  }
  if (settings_.direction == CallDirection::ToXmpp && state_ == State::Ringing &&
      now - last_offer_ >= kOfferLife) {
    end("[talk] " + settings_.local_user + " stopped calling.");
    return;
  }
  flush();
}

std::optional<Call::Time> Call::next_due() const {
  std::optional<Time> due = session_.next_due();
  if (invitation_ && state_ == State::Ringing) {
    if (const auto t = invitation_->next_due(); t && (!due || *t < *due)) due = t;
  }
  return due;
}

void Call::handle(const xmpp::ChatEvent& event, Time now) {
  using Kind = xmpp::ChatEventKind;
  switch (event.kind) {
    case Kind::Answered:
      if (settings_.direction == CallDirection::ToXmpp && state_ == State::Ringing) {
        connect_to_caller(now);
      }
      break;
    case Kind::PeerText:
      // From XMPP, the conversation starts when the local user answers.
      if (settings_.direction == CallDirection::FromXmpp && state_ == State::Ringing) break;
      if (out_.size() < kMaxPending) out_ += talk_safe_bytes(event.text, settings_.utf8);
      break;
    case Kind::PeerLeft:
      if (state_ == State::Ringing && settings_.direction == CallDirection::ToXmpp) break;
      end({});
      break;
    case Kind::Disconnected:
      end({});
      break;
    case Kind::DeliveryError:  // e.g. offline: the next ring may reach them
    case Kind::Connected:
    case Kind::Rang:
    case Kind::PeerTyping:
    case Kind::PeerPresence:
      break;
  }
}

void Call::flush() {
  if ((state_ != State::Handshake && state_ != State::Open) || out_.empty()) return;
  std::size_t written = 0;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(out_.data());
  if (!stream_.write(std::span(bytes, out_.size()), written)) out_.erase(0, written);
}

void Call::close_stream() {
  if (stream_.valid()) {
    flush();
    stream_ = platform::TcpStream();
  }
  listener_.close();
}

void Call::end(const std::string& why) {
  if (state_ == State::Closed) return;
  if (!why.empty()) {
    notify_peer(why);
    if (state_ == State::Open) out_ += "\n" + talk_notice(why) + "\n";
  }
  session_.quit();
  if (invitation_) invitation_->withdraw();
  close_stream();
  state_ = State::Closed;
}

}  // namespace talk::gateway
