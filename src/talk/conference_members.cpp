// ConferenceSession: each member's rendezvous and link, and the controller's actions on them.
#include <algorithm>
#include <utility>

#include "talk/conference_session.hpp"
#include "talk/status_texts.hpp"

namespace talk::client {
namespace {

std::array<std::uint8_t, 4> octets(std::uint32_t address) {
  return {static_cast<std::uint8_t>(address >> 24), static_cast<std::uint8_t>(address >> 16),
          static_cast<std::uint8_t>(address >> 8), static_cast<std::uint8_t>(address)};
}

}  // namespace

// What a newcomer should see of my window, as ytalk shows it to them: my last lines (as many as
// their window for me holds, when they said), the unfinished one without its newline.
std::vector<UserEdit> ConferenceSession::recent_text(std::uint16_t rows) const {
  const Pane& mine = model_.mine();
  const std::size_t count = mine.line_count();
  const std::size_t keep = std::min<std::size_t>(count, rows > 1 ? rows - 1 : 10);
  std::vector<UserEdit> edits;
  for (std::size_t i = count - keep; i < count; ++i) {
    const std::string text = mine.line_text(i);
    if (!text.empty()) edits.push_back({UserEdit::Kind::Text, text, text});
    if (i + 1 < count) edits.push_back({UserEdit::Kind::Newline, {}, "\n"});
  }
  return edits;
}

ConferenceSession::Slot* ConferenceSession::slot(MemberId id) {
  for (Slot& s : slots_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

void ConferenceSession::call(const Member& member, bool ring) {
  Slot* s = slot(member.id);
  if (s == nullptr) {
    slots_.push_back({});
    s = &slots_.back();
    s->id = member.id;
  }
  s->link.reset();
  s->view = std::make_unique<ConferencePeerView>();
  s->opened = false;
  s->waiting_told = false;
  ClientSetup setup = io_.setup(Person{member.user, member.host, {}});
  if (!setup.resources) {
    s->call.reset();
    conference_.on_closed(member.id, setup.error);
    return;
  }
  setup.resources->config.ring = ring;
  s->addr = octets(setup.resources->config.daemon[1][0].address);
  s->call = std::make_unique<MemberCall>(std::move(setup.resources));
  s->call->start(io_.clock->steady_now());
  if (ring) tell("Ringing " + member.label(io_.my_host) + "...");
}

void ConferenceSession::send_pack(MemberId to, const proto::ytalk::Pack& pack) {
  Slot* s = slot(to);
  if (s != nullptr && s->link) s->link->send_packet(pack);
}

void ConferenceSession::drop(MemberId id) {
  Slot* s = slot(id);
  if (s == nullptr) return;
  const TimePoint now = io_.clock->steady_now();
  if (s->link) s->link->close(now);
  s->link.reset();
  if (s->call) s->call->quit(now);
  dirty_ = true;
}

void ConferenceSession::tell(const std::string& text) {
  status_ = text;
  dirty_ = true;
}

void ConferenceSession::serve_slot(Slot& s, std::span<const platform::PollEntry> entries,
                                   TimePoint now) {
  std::size_t used = 0;
  if (s.call) {
    used = std::min(entries.size(), MemberCall::kPollEntries);
    s.call->on_poll(entries.first(used), now);
    if (s.call->waiting() && !s.waiting_told) {
      s.waiting_told = true;
      conference_.on_waiting(s.id);
    }
    if (auto stream = s.call->take_stream()) {
      start_link(s, std::move(*stream), now);
    } else if (s.call->failed()) {
      const std::string why = s.call->failure();
      s.call.reset();
      conference_.on_closed(s.id, why);
      return;
    }
    if (s.call && s.call->done()) s.call.reset();
  }
  if (!s.link) return;
  for (const auto& entry : entries.subspan(std::min(used, entries.size()))) {
    if (!s.link) return;
    if (entry.fd < 0 || !(entry.readable || entry.writable || entry.failed)) continue;
    s.link->on_ready({entry.fd, entry.readable, entry.writable, entry.failed}, now);
    after_link(s, now);
  }
}

void ConferenceSession::start_link(Slot& s, platform::TcpStream stream, TimePoint now) {
  std::error_code ec;
  // The window we show them in: the layout's share of the screen for one more member.
  const auto rows = static_cast<std::uint16_t>(model_.rows());
  const auto cols = static_cast<std::uint16_t>(model_.cols());
  const auto share = static_cast<std::uint16_t>(
      std::max(1, (model_.rows() - 1) / static_cast<int>(slots_.size() + 1) - 1));
  s.link = std::make_unique<YtalkLink>(std::move(stream), *s.view, io_.utf8, io_.my_edit_chars,
                                       our_parm(io_.pid, rows, cols, share, cols), ec);
  if (ec) {
    s.link.reset();
    conference_.on_closed(s.id, std::string(text::kLostConnection));
    return;
  }
  s.link->start(now);
  after_link(s, now);
}

void ConferenceSession::after_link(Slot& s, TimePoint now) {
  dirty_ = true;
  const int bells = s.view->take_bells();
  for (int i = 0; i < bells && i < 3; ++i) io_.screen->beep();
  if (!s.opened && s.link->state() == LinkState::Open) {
    s.opened = true;
    anyone_connected_ = true;
    io_.screen->beep();
    const YtalkStream& model = s.link->stream_model();
    conference_.on_open(s.id, model.program(), model.peer_parm() ? model.peer_parm()->pid : 0,
                        s.addr);
    if (s.link) s.link->send(recent_text(model.peer_parm() ? model.peer_parm()->my_rows : 0), now);
  }
  if (!s.link) return;
  for (const auto& pack : s.link->take_packs()) conference_.on_pack(s.id, pack);
  if (s.link && s.link->state() == LinkState::Closed) {
    const bool lost = s.link->close_reason() == LinkCloseReason::Lost;
    s.link.reset();
    conference_.on_closed(s.id, lost ? "connection lost" : "hung up");
  }
}

}  // namespace talk::client
