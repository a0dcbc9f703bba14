// srdp::Session: sending, resending, receiving and the timers of one SRDP connection.
#include "protocol/srdp_session.hpp"

#include <algorithm>
#include <utility>

namespace talk::proto::srdp {
namespace {

constexpr std::size_t kListOverhead = 16;  // per kept chunk, as utalk counts its list nodes
constexpr int kDropCopies = 3;

}  // namespace

Session::Session(Settings settings, bool peer_known, Time now)
    : settings_(settings),
      peer_known_(peer_known),
      last_heard_(now),
      last_sent_(now),
      last_current_(now) {}

void Session::add(const Chunk& chunk) {
  if (!building_.empty() && building_.size() + chunk.size() > settings_.max_packet) flush();
  append_chunk(chunk, building_);
}

void Session::flush() {
  if (building_.empty()) return;
  datagrams_.push_back(std::move(building_));
  building_.clear();
}

void Session::resynch(Time now) {
  if (!can_send()) return;
  send_current(true, now);
  flush();
}

void Session::ping(std::span<const std::uint8_t> payload, Time now) {
  if (!can_send()) return;
  add(make_ping(payload));
  last_sent_ = now;
  flush();
}

void Session::send_current(bool force, Time now) {
  add(make_current(current_seq_));
  last_sent_ = now;
  last_current_ = now;
  current_sent_ = true;
  if (force || !last_missing_ || now - *last_missing_ >= settings_.missing_gap) {
    add_missing_list(now);
  }
}

void Session::add_missing_list(Time now) {
  if (!received_.has_missing(current_seq_)) return;
  const std::size_t room = settings_.max_packet > building_.size() + kHeaderSize + 16
                               ? settings_.max_packet - building_.size() - kHeaderSize - 16
                               : kMissingRunSize;
  const auto runs = received_.missing(current_seq_, std::max<std::size_t>(1, room / 5));
  add(make_missing_list(runs));
  last_missing_ = now;
}

void Session::send(Chunk chunk, Time now) {
  if (closed_) return;
  chunk.seq = next_seq_++;
  if (can_send()) {
    flush();
    add(chunk);
    flush();
    last_sent_ = now;
  }
  sent_bytes_ += chunk.size() + kListOverhead;
  sent_.push_back(std::move(chunk));
  while (sent_bytes_ > settings_.send_list_bytes && sent_.size() > 1) {
    sent_bytes_ -= sent_.front().size() + kListOverhead;
    sent_.pop_front();
  }
}

void Session::resend_after(std::uint32_t seq) {
  for (const Chunk& chunk : sent_) {
    if (chunk.seq <= seq) continue;
    add(chunk);
    ++counters_.resent;
  }
}

void Session::resend_missing(const Chunk& list, Time now) {
  const std::vector<MissingRun> runs = missing_runs_of(list);
  if (runs.empty() && !sent_.empty()) {
    // utalk leaves out of its list a missing run that reaches the bottom of its received
    // bitmap (seq 1 early on), so a list without an entry means our oldest chunks are missing:
    // resend the oldest, after which the rest of that run becomes a proper entry.
    add(sent_.front());
    ++counters_.resent;
    return;
  }
  bool unavailable = false;
  for (const MissingRun& run : runs) {
    for (std::uint32_t i = 0, seq = run.newest; i <= run.more; ++i, --seq) {
      const auto found = std::find_if(sent_.begin(), sent_.end(),
                                      [seq](const Chunk& chunk) { return chunk.seq == seq; });
      if (found == sent_.end()) {
        unavailable = true;
        break;
      }
      add(*found);
      ++counters_.resent;
    }
  }
  if (!unavailable || sent_.empty()) return;
  if (last_oldest_ && now - *last_oldest_ < settings_.oldest_gap) return;
  add(make_oldest(sent_.front().seq));
  last_oldest_ = now;
}

void Session::handle(const Chunk& chunk, Time now, bool& had_data) {
  switch (chunk.type) {
    case type::kPing:
      add(make_ping_reply(chunk));
      last_sent_ = now;
      return;
    case type::kAlive:
    case type::kPingReply:
      return;
    case type::kCurrent:
      if (const auto seq = number_of(chunk); seq && *seq + 1 < next_seq_) resend_after(*seq);
      return;
    case type::kOldest:
      if (const auto seq = number_of(chunk)) received_.forget_below(*seq);
      return;
    case type::kMissingList:
      resend_missing(chunk, now);
      return;
    case type::kClose:
      flush();
      for (int i = 0; i < kDropCopies; ++i)
        datagrams_.push_back(encode_packet(std::vector{make_drop()}));
      [[fallthrough]];
    case type::kDrop:
      closed_ = true;
      closed_by_peer_ = true;
      return;
    default:
      break;
  }
  had_data = true;
  if (is_sequenced(chunk.type)) {
    if (chunk.seq > current_seq_) current_seq_ = chunk.seq;
    if (!received_.mark(chunk.seq)) {
      ++counters_.duplicates;
      return;
    }
  }
  chunks_.push_back(chunk);
}

bool Session::on_datagram(std::span<const std::uint8_t> datagram, Time now) {
  if (closed_) return true;
  const DecodedPacket packet = decode_packet(datagram);
  if (!packet.ok()) {
    ++counters_.malformed;
    return false;
  }
  if (!peer_known_) {
    // Locked onto the first peer heard: the resynch a server could not send before (utalk's
    // client holds its text until it hears from us), then whatever was sent meanwhile.
    peer_known_ = true;
    send_current(true, now);
    resend_after(0);
  }
  heard_ = true;
  last_heard_ = now;
  current_sent_ = false;
  bool had_data = false;
  for (const Chunk& chunk : packet.chunks) {
    handle(chunk, now, had_data);
    if (closed_) return true;
  }
  if (had_data && (!last_missing_ || now - *last_missing_ >= settings_.missing_gap)) {
    add_missing_list(now);
  }
  if (!building_.empty()) last_sent_ = now;
  flush();
  return true;
}

std::optional<Time> Session::next_deadline() const {
  if (!can_send()) return std::nullopt;
  const Time current = current_sent_ ? last_current_ + settings_.current_next
                                     : last_heard_ + settings_.current_first;
  return std::min(current, last_sent_ + settings_.alive);
}

void Session::on_timer(Time now) {
  if (!can_send()) return;
  const Time current = current_sent_ ? last_current_ + settings_.current_next
                                     : last_heard_ + settings_.current_first;
  if (now >= current) send_current(false, now);
  flush();
  if (now >= last_sent_ + settings_.alive) {
    add(make_alive());
    last_sent_ = now;
    flush();
  }
}

void Session::drop() {
  if (closed_) return;
  flush();
  if (peer_known_) {
    for (int i = 0; i < kDropCopies; ++i)
      datagrams_.push_back(encode_packet(std::vector{make_drop()}));
  }
  closed_ = true;
}

std::vector<std::vector<std::uint8_t>> Session::take_datagrams() {
  flush();
  return std::exchange(datagrams_, {});
}

std::vector<Chunk> Session::take_chunks() {
  return std::exchange(chunks_, {});
}

}  // namespace talk::proto::srdp
