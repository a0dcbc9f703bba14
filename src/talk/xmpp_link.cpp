// XmppLink: pumping the connection when its socket is ready or a timer runs out, and the chat's
// events in talk's words.
#include "talk/xmpp_link.hpp"

#include <algorithm>
#include <span>

#include "talk/status_texts.hpp"

namespace talk::client {
namespace {

TypingState typing_for(const std::string& description) {
  if (description == xmpp::chat_state_description(xmpp::ChatState::Composing)) {
    return TypingState::Composing;
  }
  if (description == xmpp::chat_state_description(xmpp::ChatState::Paused)) {
    return TypingState::Paused;
  }
  if (description == xmpp::chat_state_description(xmpp::ChatState::Inactive)) {
    return TypingState::Inactive;
  }
  return TypingState::Active;
}

}  // namespace

XmppLink::XmppLink(xmpp::Connection& connection, const xmpp::ChatSettings& settings, PeerView& view,
                   bool utf8)
    : connection_(connection),
      session_(connection, settings),
      view_(view),
      feeder_(view.text(), utf8, false),
      peer_(settings.peer.bare()) {
  feeder_.set_edit_chars(EditChars{xmpp::kPeerErase, 0, 0});
}

bool XmppLink::login(const xmpp::Account& account, const std::string& password,
                     std::string& error) {
  return session_.start(account, password, error);
}

void XmppLink::start(LinkTime now) {
  view_.show_notice("Logging in to the XMPP server");
  on_timer(now);
}

std::vector<LinkPollInterest> XmppLink::poll_interest() const {
  if (state_ == LinkState::Closed || connection_.descriptor() < 0) return {};
  return {LinkPollInterest{connection_.descriptor(), true, connection_.wants_write()}};
}

std::optional<LinkTime> XmppLink::next_deadline() const {
  if (state_ == LinkState::Closed) return std::nullopt;
  auto wait = connection_.max_wait();
  if (last_pump_ < busy_until_) wait = std::min(wait, kXmppBusyPump);
  LinkTime due = last_pump_ + wait;
  if (const auto chat = session_.next_due(); chat && *chat < due) due = *chat;
  return due;
}

void XmppLink::on_ready(const LinkReadiness& ready, LinkTime now) {
  if (ready.readable) busy_until_ = now + kXmppBusyFor;
  on_timer(now);
}

void XmppLink::on_timer(LinkTime now) {
  if (state_ == LinkState::Closed) return;
  last_pump_ = now;
  connection_.pump();
  session_.poll(now);
  connection_.pump();  // writes what poll() just queued, without waiting for the next round
  for (const xmpp::ChatEvent& event : session_.take_events()) handle(event);
}

void XmppLink::handle(const xmpp::ChatEvent& event) {
  using Kind = xmpp::ChatEventKind;
  switch (event.kind) {
    case Kind::Connected:
      if (state_ == LinkState::Connecting) view_.show_notice(std::string(text::kWaitingForParty));
      break;
    case Kind::Rang:
      view_.show_notice(std::string(text::kRingingAgain));
      break;
    case Kind::Answered:
      state_ = LinkState::Open;
      view_.show_notice(std::string(text::kConnectionEstablished));
      view_.ring();
      break;
    case Kind::PeerText: {
      const auto* bytes = reinterpret_cast<const std::uint8_t*>(event.text.data());
      (void)feeder_.feed(std::span(bytes, event.text.size()));
      break;
    }
    case Kind::PeerTyping:
      view_.show_typing(typing_for(event.text));
      break;
    case Kind::PeerPresence:
      // Online is what ringing and talking assume: only a change from it (and back) is news.
      if (event.text != peer_presence_) view_.show_notice("Your party is " + event.text);
      peer_presence_ = event.text;
      break;
    case Kind::DeliveryError:
      view_.show_notice("Your party's server refused the message: " + event.text);
      break;
    case Kind::PeerLeft:
      view_.show_typing(TypingState::Gone);
      if (state_ == LinkState::Open) closed(LinkCloseReason::PeerHungUp, {});
      break;
    case Kind::Disconnected:
      if (state_ != LinkState::Closed) {
        closed(event.text.empty() ? LinkCloseReason::LocalQuit : LinkCloseReason::Lost,
               event.text.empty() ? std::string() : "XMPP: " + event.text);
      }
      break;
  }
}

void XmppLink::send(const std::vector<UserEdit>& edits, LinkTime now) {
  if (state_ == LinkState::Closed) return;
  for (const UserEdit& edit : edits) {
    switch (edit.kind) {
      case UserEdit::Kind::Text:
        session_.type(edit.text, now);
        break;
      case UserEdit::Kind::Erase:
        session_.erase(now);
        break;
      case UserEdit::Kind::WordErase:
        session_.erase_word(now);
        break;
      case UserEdit::Kind::Kill:
        session_.kill(now);
        break;
      case UserEdit::Kind::Newline:
        session_.enter(now);
        break;
      case UserEdit::Kind::Topic:
        break;
    }
  }
  on_timer(now);
}

void XmppLink::close(LinkTime now) {
  if (state_ == LinkState::Closed) return;
  session_.quit();
  // Bounded: let the library write the goodbye and the end of the stream.
  for (int round = 0; round < 50 && session_.online(); ++round) connection_.pump();
  (void)now;
  closed(LinkCloseReason::LocalQuit, {});
}

void XmppLink::closed(LinkCloseReason reason, std::string detail) {
  state_ = LinkState::Closed;
  reason_ = reason;
  detail_ = std::move(detail);
}

}  // namespace talk::client
