// Session: the poll loop, signals, and the conversation's I/O.
#include "talk/session.hpp"

#include <array>
#include <vector>

#include "platform/client_poll.hpp"
#include "talk/status_texts.hpp"

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

Session::Session(SessionIo io) : io_(io), model_(24, 80), rendezvous_(io.resources->config) {
  int cols = 80;
  const int rows = initial_rows(*io_.screen, cols);
  model_.resize(rows, cols);
}

SessionResult Session::run() {
  model_.set_status(std::string(text::kNoConnectionYet));
  redraw();
  rendezvous_.start(io_.clock->steady_now());
  apply_rendezvous_actions(io_.clock->steady_now());
  while (state_ != State::Finished) {
    redraw();
    poll_once();
  }
  redraw();
  drain_cleanup();
  return result_;
}

void Session::redraw() {
  if (!dirty_) return;
  io_.screen->draw(model_.frame());
  dirty_ = false;
}

void Session::finish(int code, std::string message, std::string detail) {
  if (state_ == State::Finished) return;
  state_ = State::Finished;
  result_ = {code, std::move(message), std::move(detail)};
  if (!result_.message.empty()) {
    model_.set_status(result_.message);
    dirty_ = true;
  }
}

void Session::poll_once() {
  std::vector<platform::PollEntry> entries;
  entries.push_back({io_.signals->fd(), true});
  auto& sockets = io_.resources->sockets;
  // Once talking and the DELETEs are answered, the daemon sockets cost nothing per keystroke.
  const bool daemons = state_ == State::Rendezvous || !rendezvous_.idle();
  for (auto& per_host : sockets) {
    for (auto& socket : per_host) {
      entries.push_back({daemons && socket.valid() ? socket.fd() : -1, true});
    }
  }
  const std::size_t listener_at = entries.size();
  const bool rendezvous = state_ == State::Rendezvous;
  entries.push_back({rendezvous ? io_.resources->listener.fd() : -1, true});
  entries.push_back({rendezvous && connecting_ ? connecting_->fd() : -1, false, true});
  const bool talking = state_ == State::Talking;
  const bool keys = talking || state_ == State::PeerClosed;
  entries.push_back({keys ? io_.input_fd : -1, true});
  entries.push_back(
      {talking ? stream_.fd() : -1, true, talking && !conversation_->outbound().empty()});

  std::optional<std::chrono::milliseconds> timeout;
  const TimePoint now = io_.clock->steady_now();
  if (const auto deadline = rendezvous_.next_deadline()) {
    timeout = std::chrono::ceil<std::chrono::milliseconds>(
        std::max(*deadline - now, TimePoint::duration{}));
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
  apply_rendezvous_actions(after);
  if (state_ == State::Talking || state_ == State::PeerClosed) {
    if (entries[listener_at + 2].readable) read_keyboard();
    const auto& peer = entries[listener_at + 3];
    if (state_ == State::Talking && (peer.readable || peer.failed)) read_peer();
    if (state_ == State::Talking) write_peer();
  }
}

void Session::handle_signals(TimePoint now) {
  for (const auto signal : io_.signals->take()) {
    if (signal == platform::ClientSignal::Resize) {
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
  stream_ = std::move(stream);
  io_.resources->listener.close();
  if (const auto ec = stream_.prepare_for_conversation()) {
    finish(1, std::string(text::kLostConnection), ec.message());
    return;
  }
  conversation_ = std::make_unique<Conversation>(model_, io_.utf8, io_.my_edit_chars);
  state_ = State::Talking;
  model_.set_status(std::string(text::kConnectionEstablished));
  io_.screen->beep();
  dirty_ = true;
  write_peer();
}

void Session::read_keyboard() {
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
    if (conversation_->on_key_after_close(typed)) finish(0, {});
    return;
  }
  if (conversation_->on_typed(typed)) io_.screen->invalidate();
  write_peer();
}

void Session::read_peer() {
  std::array<std::uint8_t, kReadSize> buffer{};
  std::size_t got = 0;
  const auto ec = stream_.read(buffer, got);
  if (ec == std::errc::resource_unavailable_try_again) return;
  dirty_ = true;
  if (ec || got == 0) {
    state_ = State::PeerClosed;
    model_.set_status(std::string(text::kConnectionClosed));
    io_.screen->beep();
    return;
  }
  const int bells = conversation_->on_received({buffer.data(), got});
  for (int i = 0; i < bells && i < 3; ++i) io_.screen->beep();
}

void Session::write_peer() {
  std::string& out = conversation_->outbound();
  while (!out.empty()) {
    std::size_t written = 0;
    const auto ec =
        stream_.write({reinterpret_cast<const std::uint8_t*>(out.data()), out.size()}, written);
    if (ec == std::errc::resource_unavailable_try_again) return;
    if (ec) {
      state_ = State::PeerClosed;
      model_.set_status(std::string(text::kConnectionClosed));
      dirty_ = true;
      out.clear();
      return;
    }
    out.erase(0, written);
  }
}

}  // namespace talk::client
