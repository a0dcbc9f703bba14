// Turns a byte stream (typed keys or the peer's bytes) into glyphs and edits on a Pane:
// UTF-8 decoding, edit characters, newlines, tabs, caret notation, and the neutralising of
// every byte that could steer the terminal (ESC, C1, invalid sequences).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "talk/edit_chars.hpp"
#include "talk/pane.hpp"

namespace talk::client {

class TextFeeder {
 public:
  /// `utf8`: decode multibyte UTF-8 (a UTF-8 locale); otherwise every byte >= 0x80 is escaped.
  /// `also_classic_keys`: BS, DEL, ^U, ^W and 0xFE act as edits besides `edit`.
  TextFeeder(Pane& pane, bool utf8, bool also_classic_keys);

  void set_edit_chars(const EditChars& edit) { edit_ = edit; }
  const EditChars& edit_chars() const { return edit_; }

  /// Applies `bytes`; returns how many BELs they held (the caller beeps).
  int feed(std::span<const std::uint8_t> bytes);

 private:
  enum class Edit { None, Erase, Kill, Werase };
  Edit edit_for(std::uint8_t byte) const;
  void feed_byte(std::uint8_t byte, int& bells);
  void start_sequence(std::uint8_t byte);
  void flush_invalid();
  void emit_invalid_byte(std::uint8_t byte);
  void emit_code_point(char32_t cp);

  Pane& pane_;
  bool utf8_;
  bool classic_keys_;
  EditChars edit_;
  // A partly received UTF-8 sequence (a well-formed start).
  std::string pending_;
};

/// The display text for a control byte: "^A".."^_", "^?" for DEL.
std::string caret_notation(std::uint8_t byte);
/// The UTF-8 encoding of a code point.
std::string encode_utf8(char32_t cp);

}  // namespace talk::client
