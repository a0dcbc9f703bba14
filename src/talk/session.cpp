// Session: the poll loop, signals, and the conversation's keyboard and link.
#include "talk/session.hpp"

#include <array>
#include <utility>
#include <vector>

#include "platform/client_poll.hpp"
#include "talk/status_texts.hpp"
#include "talk/talk_stream_link.hpp"

namespace talk::client {
namespace {

constexpr std::size_t kReadSize = 4096;

int initial_rows(Screen& screen, int& cols) {
  int rows = 24;
  cols = 80;
  screen.update_size(rows, cols);
  return rows;
}

}  // namespace

Session::Session(SessionIo io)
    : io_(std::move(io)),
      model_(24, 80),
      rendezvous_(io_.resources != nullptr ? io_.resources->config : RendezvousConfig{}),
      peer_view_(model_) {
  int cols = 80;
  const int rows = initial_rows(*io_.screen, cols);
  model_.resize(rows, cols);
}

SessionResult Session::run() {
  link_status_ = io_.direct_link && io_.link_drives_status;
  if (!link_status_) model_.set_status(std::string(text::kNoConnectionYet));
  redraw();
  if (io_.direct_link) {
    start_direct();
  } else {
    rendezvous_.start(io_.clock->steady_now());
    apply_rendezvous_actions(io_.clock->steady_now());
  }
  while (state_ != State::Finished) {
    redraw();
    poll_once();
  }
  redraw();
  drain_cleanup();
  return result_;
}

void Session::show_link_status() {
  if (!link_status_) return;
  const std::string& notice = peer_view_.notice();
  const TypingState typing = peer_view_.typing();
  if (notice == shown_notice_ && typing == shown_typing_) return;
  shown_notice_ = notice;
  shown_typing_ = typing;
  std::string status = notice;
  if (typing == TypingState::Composing) status += " - your party is typing";
  if (typing == TypingState::Paused) status += " - your party stopped typing";
  model_.set_status(status);
  dirty_ = true;
}

void Session::redraw() {
  if (!dirty_) return;
  io_.screen->draw(model_.frame());
  dirty_ = false;
}

void Session::finish(int code, std::string message, std::string detail) {
  if (state_ == State::Finished) return;
  state_ = State::Finished;
  if (link_ && link_->state() != LinkState::Closed) link_->close(io_.clock->steady_now());
  result_ = {code, std::move(message), std::move(detail)};
  if (!result_.message.empty()) {
    model_.set_status(result_.message);
    dirty_ = true;
  }
}

void Session::poll_once() {
  std::vector<platform::PollEntry> entries;
  entries.push_back({io_.signals->fd(), true});
  // Once talking and the DELETEs are answered, the daemon sockets cost nothing per keystroke.
  const bool daemons =
      io_.resources != nullptr && (state_ == State::Rendezvous || !rendezvous_.idle());
  if (io_.resources != nullptr) {
    for (auto& per_host : io_.resources->sockets) {
      for (auto& socket : per_host) {
        entries.push_back({daemons && socket.valid() ? socket.fd() : -1, true});
      }
    }
  }
  const std::size_t listener_at = entries.size();
  const bool rendezvous = state_ == State::Rendezvous;
  entries.push_back({rendezvous ? io_.resources->listener.fd() : -1, true});
  entries.push_back({rendezvous && connecting_ ? connecting_->fd() : -1, false, true});
  const bool srdp = rendezvous && io_.resources->srdp.valid() && !answered_link_;
  entries.push_back({srdp ? io_.resources->srdp.fd() : -1, true});
  entries.push_back({rendezvous && probe_ ? probe_->fd() : -1, true});
  const bool talking = state_ == State::Talking;
  const bool keys = talking || state_ == State::PeerClosed;
  entries.push_back({keys ? io_.input_fd : -1, true});
  const std::size_t link_at = entries.size();
  if (talking) {
    for (const auto& interest : link_->poll_interest()) {
      entries.push_back({interest.fd, interest.read, interest.write});
    }
  }

  std::optional<std::chrono::milliseconds> timeout;
  const TimePoint now = io_.clock->steady_now();
  std::optional<TimePoint> wake = rendezvous_.next_deadline();
  if (const auto link_deadline = talking ? link_->next_deadline() : std::nullopt) {
    wake = wake ? std::min(*wake, *link_deadline) : *link_deadline;
  }
  if (probe_) wake = wake ? std::min(*wake, probe_deadline_) : probe_deadline_;
  if (wake) {
    timeout =
        std::chrono::ceil<std::chrono::milliseconds>(std::max(*wake - now, TimePoint::duration{}));
  }
  if (const auto ec = platform::poll_entries(entries, timeout)) {
    finish(1, "Unexpected error from poll", ec.message());
    return;
  }
  const TimePoint after = io_.clock->steady_now();
  if (entries[0].readable) handle_signals(after);
  if (state_ == State::Finished) return;
  if (daemons) read_daemon_sockets(after);
  const auto& connect = entries[listener_at + 1];
  if (state_ == State::Rendezvous)
    take_rendezvous_streams(connect.writable || connect.failed, after);
  if (const auto deadline = rendezvous_.next_deadline(); deadline && after >= *deadline) {
    rendezvous_.on_timer(after);
  }
  if (state_ == State::Rendezvous && entries[listener_at + 2].readable) accept_srdp(after);
  if (state_ == State::Rendezvous && probe_) serve_probe(entries[listener_at + 3].readable, after);
  apply_rendezvous_actions(after);
  if (state_ == State::Talking || state_ == State::PeerClosed) {
    if (entries[listener_at + 4].readable) read_keyboard(after);
    if (state_ == State::Talking) serve_link(std::span(entries).subspan(link_at), after);
  }
}

void Session::serve_link(std::span<const platform::PollEntry> entries, TimePoint now) {
  for (const auto& entry : entries) {
    if (state_ != State::Talking) return;
    if (entry.fd < 0 || !(entry.readable || entry.writable || entry.failed)) continue;
    link_->on_ready({entry.fd, entry.readable, entry.writable, entry.failed}, now);
    dirty_ = true;
    after_link_calls();
  }
  if (state_ != State::Talking) return;
  if (const auto deadline = link_->next_deadline(); deadline && now >= *deadline) {
    link_->on_timer(now);
    dirty_ = true;
    after_link_calls();
  }
}

void Session::after_link_calls() {
  const int bells = peer_view_.take_bells();
  if (bells > 0) dirty_ = true;
  for (int i = 0; i < bells && i < 3; ++i) io_.screen->beep();
  if (!link_status_ && link_->state() == LinkState::Open && !link_open_shown_) {
    link_open_shown_ = true;
    model_.set_status(std::string(text::kConnectionEstablished));
    io_.screen->beep();
    dirty_ = true;
  }
  if (link_status_) {
    show_link_status();
  } else {
    model_.set_notice(peer_view_.notice());
  }
  if (link_->state() != LinkState::Closed) return;
  state_ = State::PeerClosed;
  model_.set_status(link_status_ && link_->close_reason() == LinkCloseReason::Lost
                        ? std::string(text::kLostConnection)
                        : std::string(text::kConnectionClosed));
  if (link_->close_reason() == LinkCloseReason::PeerHungUp) io_.screen->beep();
  dirty_ = true;
}

void Session::handle_signals(TimePoint now) {
  for (const auto signal : io_.signals->take()) {
    if (signal == platform::ClientSignal::Suspend) {
      io_.screen->suspend();
      io_.signals->stop_process();
    }
    if (signal == platform::ClientSignal::Resize || signal == platform::ClientSignal::Suspend) {
      int rows = model_.rows();
      int cols = model_.cols();
      io_.screen->update_size(rows, cols);
      model_.resize(rows, cols);
      io_.screen->invalidate();
      dirty_ = true;
      continue;
    }
    if (state_ == State::Rendezvous) rendezvous_.on_quit(now);
    const int code = signal == platform::ClientSignal::Interrupt ? 0 : 1;
    finish(code, std::string(text::kConnectionClosing));
    return;
  }
}

void Session::start_talking(platform::TcpStream stream) {
  std::error_code ec;
  auto link = std::make_unique<TalkStreamLink>(std::move(stream), peer_view_, io_.utf8,
                                               io_.my_edit_chars, ec);
  if (ec) {
    io_.resources->listener.close();
    finish(1, std::string(text::kLostConnection), ec.message());
    return;
  }
  begin_talking(std::move(link), io_.clock->steady_now());
}

// The rendezvous found the peer (a talk stream or a utalk peer's SRDP link): talk over its link.
void Session::begin_talking(std::unique_ptr<PeerLink> link, TimePoint now) {
  io_.resources->listener.close();
  link_ = std::move(link);
  conversation_ = std::make_unique<Conversation>(model_, io_.utf8, io_.my_edit_chars);
  state_ = State::Talking;
  model_.set_status(std::string(text::kConnectionEstablished));
  io_.screen->beep();
  dirty_ = true;
  link_open_shown_ = true;
  link_->start(now);
  after_link_calls();
}

// No rendezvous: the link is made at once and finds (or waits for) its peer itself.
void Session::start_direct() {
  const TimePoint now = io_.clock->steady_now();
  std::string error;
  link_ = io_.direct_link(peer_view_, now, error);
  if (!link_) {
    if (link_status_) {
      finish(1, std::string(text::kLostConnection), error);
    } else {
      finish(1, error);
    }
    return;
  }
  conversation_ = std::make_unique<Conversation>(model_, io_.utf8, io_.my_edit_chars);
  state_ = State::Talking;
  if (!link_status_) {
    model_.set_status(std::string(text::kWaitingForParty));
    dirty_ = true;
  }
  link_->start(now);
  after_link_calls();
}

void Session::read_keyboard(TimePoint now) {
  std::array<std::uint8_t, kReadSize> buffer{};
  std::size_t got = 0;
  const auto ec = platform::read_some(io_.input_fd, buffer, got);
  if (ec == std::errc::resource_unavailable_try_again) return;
  if (ec || got == 0) {
    finish(1, std::string(text::kConnectionClosing));
    return;
  }
  const std::span<const std::uint8_t> typed(buffer.data(), got);
  dirty_ = true;
  if (state_ == State::PeerClosed) {
    if (conversation_->on_key_after_close(typed)) {
      const bool lost = link_status_ && link_->close_reason() == LinkCloseReason::Lost;
      finish(lost ? 1 : 0, {}, lost ? link_->detail() : std::string());
    }
    return;
  }
  std::vector<UserEdit> edits;
  if (conversation_->on_typed(typed, edits)) io_.screen->invalidate();
  link_->send(edits, now);
  after_link_calls();
}

}  // namespace talk::client
