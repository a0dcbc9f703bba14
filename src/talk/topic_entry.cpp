// TopicEntry: printable characters, erase and kill while the user types a topic.
#include "talk/topic_entry.hpp"

#include "protocol/sanitize.hpp"
#include "talk/text_feeder.hpp"

namespace talk::client {
namespace {

constexpr char kCancel = 0x07;  // ^G, as in emacs's minibuffer
constexpr char kKill = 0x15;    // ^U
constexpr char kWordErase = 0x17;

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xc0U) == 0x80U;
}

}  // namespace

std::size_t TopicEntry::feed(std::string_view typed, Outcome& outcome) {
  outcome = Outcome::Typing;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const char c = typed[i];
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      outcome = Outcome::Done;
      return i + 1;
    }
    if (c == kCancel) {
      outcome = Outcome::Cancelled;
      return i + 1;
    }
    if (byte == 0x08 || byte == 0x7f || (mine_.erase != 0 && byte == mine_.erase)) {
      erase_one();
    } else if (c == kKill || (mine_.kill != 0 && byte == mine_.kill) || c == kWordErase ||
               (mine_.werase != 0 && byte == mine_.werase)) {
      text_.clear();
    } else if (byte >= 0x20 && text_.size() < kMaxBytes) {
      text_.push_back(c);
    }
  }
  return typed.size();
}

void TopicEntry::erase_one() {
  if (utf8_) {
    while (!text_.empty() && is_continuation(text_.back())) text_.pop_back();
  }
  if (!text_.empty()) text_.pop_back();
}

std::string TopicEntry::shown() const {
  if (utf8_) return proto::sanitize_for_terminal(text_, proto::Utf8Policy::Keep);
  std::string out;
  for (const char c : text_) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 && byte < 0xa0) continue;  // C1 controls
    out += encode_utf8(byte);
  }
  return out;
}

}  // namespace talk::client
