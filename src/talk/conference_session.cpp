// ConferenceSession: the poll loop, the keyboard and menu, signals, the frame.
#include "talk/conference_session.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "talk/status_texts.hpp"

namespace talk::client {
namespace {

using namespace std::chrono_literals;
constexpr std::size_t kReadSize = 4096;
constexpr auto kDrainLimit = 1500ms;

}  // namespace

ConferenceSession::ConferenceSession(ConferenceIo io)
    : io_(std::move(io)),
      model_(24, 80),
      conversation_(model_, io_.utf8, io_.my_edit_chars),
      conference_(*this, io_.my_host) {
  int rows = 24;
  int cols = 80;
  io_.screen->update_size(rows, cols);
  model_.resize(rows, cols);
}

SessionResult ConferenceSession::run() {
  status_ = std::string(text::kNoConnectionYet);
  redraw();
  for (const Person& person : io_.people) conference_.add(person.user, person.host);
  check_everyone_gone();
  while (!finished_) {
    redraw();
    poll_once();
  }
  redraw();
  drain();
  return result_;
}

void ConferenceSession::poll_once() {
  std::vector<platform::PollEntry> entries;
  entries.push_back({io_.signals->fd(), true});
  entries.push_back({io_.input_fd, true});
  struct Polled {
    std::size_t first = 0;
    std::size_t count = 0;
    const MemberCall* call = nullptr;  // the call whose entries come first, if any
  };
  std::vector<Polled> ranges;  // per slot
  std::optional<TimePoint> wake;
  const auto earliest = [&wake](std::optional<TimePoint> t) {
    if (t) wake = wake ? std::min(*wake, *t) : *t;
  };
  for (const Slot& s : slots_) {
    const std::size_t first = entries.size();
    if (s.call) {
      s.call->add_poll_entries(entries);
      earliest(s.call->next_deadline());
    }
    if (s.link) {
      for (const auto& interest : s.link->poll_interest()) {
        entries.push_back({interest.fd, interest.read, interest.write});
      }
    }
    ranges.push_back({first, entries.size() - first, s.call.get()});
  }
  std::optional<std::chrono::milliseconds> timeout;
  const TimePoint now = io_.clock->steady_now();
  if (wake) {
    timeout =
        std::chrono::ceil<std::chrono::milliseconds>(std::max(*wake - now, TimePoint::duration{}));
  }
  if (const auto ec = platform::poll_entries(entries, timeout)) {
    finish(1, "Unexpected error from poll: " + ec.message());
    return;
  }
  const TimePoint after = io_.clock->steady_now();
  if (entries[0].readable) handle_signals(after);
  if (finished_) return;
  if (entries[1].readable) read_keyboard(after);
  // Slots may be added while serving (an Import, an Accept): serve the ones polled.
  for (std::size_t i = 0; i < ranges.size() && !finished_; ++i) {
    Slot& s = slots_[i];
    auto mine = std::span(entries).subspan(ranges[i].first, ranges[i].count);
    // A call or link replaced since the poll (a re-ring) gets no stale readiness.
    const bool same_call = s.call.get() == ranges[i].call;
    serve_slot(s, same_call ? mine : mine.first(0), after);
  }
  check_everyone_gone();
}

void ConferenceSession::read_keyboard(TimePoint now) {
  std::array<std::uint8_t, kReadSize> buffer{};
  std::size_t got = 0;
  const auto ec = platform::read_some(io_.input_fd, buffer, got);
  if (ec == std::errc::resource_unavailable_try_again) return;
  if (ec || got == 0) {
    finish(1, std::string(text::kConnectionClosing));
    return;
  }
  dirty_ = true;
  std::vector<std::string> choices;
  for (const Member& m : conference_.members()) {
    if (m.state != MemberState::Gone) choices.push_back(m.label(io_.my_host));
  }
  menu_.set_choices(std::move(choices));
  std::vector<MenuCommand> commands;
  const std::string typed = menu_.filter(std::span(buffer).first(got), commands);
  if (!typed.empty()) {
    std::vector<UserEdit> edits;
    if (conversation_.on_typed({reinterpret_cast<const std::uint8_t*>(typed.data()), typed.size()},
                               edits)) {
      io_.screen->invalidate();
    }
    if (!edits.empty()) {
      for (Slot& s : slots_) {
        if (s.link && s.link->state() != LinkState::Closed) s.link->send(edits, now);
      }
    }
  }
  for (const MenuCommand& command : commands) run_command(command);
}

void ConferenceSession::run_command(const MenuCommand& command) {
  switch (command.kind) {
    case MenuCommand::Kind::Add: {
      const Person person = parse_person(command.person, false);
      if (!person.user.empty()) conference_.add(person.user, person.host);
      break;
    }
    case MenuCommand::Kind::HangUp: {
      int n = 0;
      for (const Member& m : conference_.members()) {
        if (m.state != MemberState::Gone && ++n == command.number) {
          conference_.hang_up(m.id);
          break;
        }
      }
      break;
    }
    case MenuCommand::Kind::Rering:
      conference_.rering_unanswered();
      break;
    case MenuCommand::Kind::List: {
      std::string text;
      for (const std::string& line : conference_.listing()) {
        text += (text.empty() ? "" : " | ") + line;
      }
      status_ = text.empty() ? "nobody else yet" : text;
      break;
    }
  }
  dirty_ = true;
}

void ConferenceSession::handle_signals(TimePoint /*now*/) {
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
      send_window_sizes();
      dirty_ = true;
      continue;
    }
    finish(signal == platform::ClientSignal::Interrupt ? 0 : 1,
           std::string(text::kConnectionClosing));
    return;
  }
}

// ytalk's MYWIN after a resize: the other ytalks keep their idea of our window right.
void ConferenceSession::send_window_sizes() {
  proto::ytalk::Winch winch;
  winch.code = proto::ytalk::Code::MyWindow;
  winch.rows = static_cast<std::uint16_t>(model_.rows());
  winch.cols = static_cast<std::uint16_t>(model_.cols());
  for (Slot& s : slots_) {
    if (s.link && s.opened) s.link->send_packet(winch);
  }
}

void ConferenceSession::check_everyone_gone() {
  if (finished_ || conference_.active() > 0) return;
  finish(anyone_connected_ ? 0 : 1, status_);
}

void ConferenceSession::finish(int code, std::string message) {
  if (finished_) return;
  finished_ = true;
  result_ = {code, std::move(message), {}};
  status_ = result_.message;
  dirty_ = true;
  const TimePoint now = io_.clock->steady_now();
  for (Slot& s : slots_) {
    if (s.link) s.link->close(now);
    if (s.call) s.call->quit(now);
  }
}

// The DELETEs of the invitations still standing, for at most kDrainLimit.
void ConferenceSession::drain() {
  const TimePoint limit = io_.clock->steady_now() + kDrainLimit;
  for (;;) {
    std::vector<platform::PollEntry> entries;
    std::vector<std::pair<Slot*, std::size_t>> polled;
    std::optional<TimePoint> wake;
    for (Slot& s : slots_) {
      if (!s.call || s.call->done()) continue;
      polled.emplace_back(&s, entries.size());
      s.call->add_poll_entries(entries);
      if (const auto d = s.call->next_deadline()) wake = wake ? std::min(*wake, *d) : *d;
    }
    const TimePoint now = io_.clock->steady_now();
    if (polled.empty() || now >= limit) return;
    const TimePoint until = wake ? std::min(*wake, limit) : limit;
    if (platform::poll_entries(entries, std::chrono::ceil<std::chrono::milliseconds>(
                                            std::max(until - now, TimePoint::duration{})))) {
      return;
    }
    const TimePoint after = io_.clock->steady_now();
    for (const auto& [s, first] : polled) {
      s->call->on_poll(std::span(entries).subspan(first, MemberCall::kPollEntries), after);
    }
  }
}

std::string ConferenceSession::status_text() const {
  if (menu_.open()) return menu_.prompt();
  return status_;
}

void ConferenceSession::redraw() {
  if (!dirty_) return;
  std::vector<LayoutWindow> windows;
  windows.push_back({io_.my_name + "@" + io_.my_host, &model_.mine()});
  for (const Slot& s : slots_) {
    if (!s.link || !s.opened || s.link->state() == LinkState::Closed) continue;
    const Member* m = conference_.find(s.id);
    if (m != nullptr) windows.push_back({m->label(io_.my_host), &s.view->pane()});
  }
  io_.screen->draw(layout_.frame(windows, status_text(), model_.rows(), model_.cols()));
  dirty_ = false;
}

}  // namespace talk::client
