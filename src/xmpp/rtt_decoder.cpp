// RttDecoder: sequence checks and the <t>/<e> actions on a bounded line of code points.
#include "xmpp/rtt_decoder.hpp"

#include <algorithm>

#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

void insert(std::u32string& line, const RttInsert& action) {
  const std::size_t at = std::min(action.position.value_or(line.size()), line.size());
  const std::size_t room = kMaxRttLine - std::min(line.size(), kMaxRttLine);
  std::u32string text = decode_utf8(utf8_prefix(action.text, kMaxRttLine * 4));
  if (text.size() > room) text.resize(room);
  line.insert(at, text);
}

void erase(std::u32string& line, const RttErase& action) {
  const std::size_t at = std::min(action.position.value_or(line.size()), line.size());
  const std::size_t count = std::min(action.count, at);
  line.erase(at - count, count);
}

}  // namespace

std::string_view rtt_event_name(RttEventType type) {
  switch (type) {
    case RttEventType::New:
      return "new";
    case RttEventType::Reset:
      return "reset";
    case RttEventType::Edit:
      return "edit";
    case RttEventType::Init:
      return "init";
    case RttEventType::Cancel:
      return "cancel";
  }
  return "edit";
}

std::optional<RttEventType> rtt_event_from_name(std::string_view name) {
  for (const RttEventType type : {RttEventType::New, RttEventType::Reset, RttEventType::Edit,
                                  RttEventType::Init, RttEventType::Cancel}) {
    if (rtt_event_name(type) == name) return type;
  }
  return std::nullopt;
}

void RttDecoder::run(const RttEvent& event) {
  std::size_t done = 0;
  for (const RttAction& action : event.actions) {
    if (++done > kMaxRttActions) break;
    if (const auto* t = std::get_if<RttInsert>(&action)) insert(line_, *t);
    if (const auto* e = std::get_if<RttErase>(&action)) erase(line_, *e);
  }
}

RttDecoder::Outcome RttDecoder::apply(const RttEvent& event) {
  seen_rtt_ = true;
  switch (event.type) {
    case RttEventType::Init:
      return Outcome::Nothing;
    case RttEventType::Cancel:
      line_.clear();
      in_sync_ = false;
      return Outcome::Cancelled;
    case RttEventType::New:
    case RttEventType::Reset:
      line_.clear();
      in_sync_ = true;
      last_seq_ = event.seq;
      run(event);
      return Outcome::Applied;
    case RttEventType::Edit:
      break;
  }
  if (!in_sync_ || event.seq != last_seq_ + 1) {
    in_sync_ = false;
    return Outcome::OutOfSync;
  }
  last_seq_ = event.seq;
  run(event);
  return Outcome::Applied;
}

std::u32string RttDecoder::commit(std::string_view body) {
  std::u32string text = decode_utf8(utf8_prefix(body, kMaxRttLine * 4));
  if (text.size() > kMaxRttLine) text.resize(kMaxRttLine);
  line_.clear();
  in_sync_ = false;
  return text;
}

}  // namespace talk::xmpp
