// RttEncoder: the local line, and the smallest end-of-line <e>/<t> actions that bring the peer's
// copy up to date.
#include "xmpp/rtt_encoder.hpp"

#include <algorithm>

#include "xmpp/utf8.hpp"

namespace talk::xmpp {

void RttEncoder::type(std::string_view utf8) {
  const std::u32string text = decode_utf8(utf8);
  const std::size_t room = kMaxRttLine - std::min(line_.size(), kMaxRttLine);
  line_.append(text, 0, std::min(room, text.size()));
}

void RttEncoder::erase_char() {
  if (!line_.empty()) line_.pop_back();
}

void RttEncoder::erase_word() {
  while (!line_.empty() && line_.back() == U' ') line_.pop_back();
  while (!line_.empty() && line_.back() != U' ') line_.pop_back();
}

void RttEncoder::kill_line() {
  line_.clear();
}

RttEvent RttEncoder::next_event(RttEventType type) {
  RttEvent event;
  event.type = type;
  event.seq = seq_++;
  if (type == RttEventType::Edit) {
    const auto [sent_end, line_end] =
        std::mismatch(sent_.begin(), sent_.end(), line_.begin(), line_.end());
    const auto common = static_cast<std::size_t>(sent_end - sent_.begin());
    if (common < sent_.size()) event.actions.emplace_back(RttErase{{}, sent_.size() - common});
    if (common < line_.size()) {
      event.actions.emplace_back(RttInsert{{}, encode_utf8(line_.substr(common))});
    }
  } else if (!line_.empty()) {
    event.actions.emplace_back(RttInsert{{}, encode_utf8(line_)});
  }
  sent_ = line_;
  return event;
}

std::optional<RttEvent> RttEncoder::poll(SteadyTime now) {
  if (last_sent_ && now - *last_sent_ < kRttInterval) return std::nullopt;
  const bool refresh_due =
      started_ && last_refresh_ && now - *last_refresh_ >= kRttRefreshInterval && !line_.empty();
  if (!changed() && !refresh_due) return std::nullopt;
  RttEventType type = RttEventType::Edit;
  if (!started_) {
    type = RttEventType::New;
  } else if (refresh_due) {
    type = RttEventType::Reset;
  }
  if (type != RttEventType::Edit) last_refresh_ = now;
  started_ = true;
  // A refresh of an unchanged line does not hold back the next keystroke by an interval: it
  // comes at most once per refresh interval, so the rate stays bounded.
  if (changed()) last_sent_ = now;
  return next_event(type);
}

std::optional<SteadyTime> RttEncoder::next_due() const {
  if (!changed()) {
    if (!started_ || !last_refresh_ || line_.empty()) return std::nullopt;
    return *last_refresh_ + kRttRefreshInterval;
  }
  if (!last_sent_) return SteadyTime{};
  return *last_sent_ + kRttInterval;
}

std::string RttEncoder::commit() {
  std::string body = encode_utf8(line_);
  line_.clear();
  sent_.clear();
  started_ = false;
  last_refresh_.reset();
  return body;
}

}  // namespace talk::xmpp
