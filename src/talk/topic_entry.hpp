// The topic line the user is typing after ^T: its own small editor, ended by Enter, cancelled by
// ^G.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "talk/edit_chars.hpp"

namespace talk::client {

class TopicEntry {
 public:
  /// The longest topic kept, in bytes (utalk carries at most 255 Latin-1 characters).
  static constexpr std::size_t kMaxBytes = 255;

  enum class Outcome : std::uint8_t { Typing, Done, Cancelled };

  TopicEntry(bool utf8, const EditChars& mine) : utf8_(utf8), mine_(mine) {}

  /// Takes the user's bytes (Enter already a newline) until the entry ends; returns how many it
  /// used, so the rest goes to the conversation. After Done, text() is the new topic.
  std::size_t feed(std::string_view typed, Outcome& outcome);

  /// The topic so far, in the user's locale (UTF-8 or single bytes).
  const std::string& text() const { return text_; }
  /// The topic so far as UTF-8 for the status line, control characters left out.
  std::string shown() const;

 private:
  void erase_one();

  bool utf8_;
  EditChars mine_;
  std::string text_;
};

}  // namespace talk::client
