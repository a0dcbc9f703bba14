// TextFeeder: byte interpretation for one pane.
#include "talk/text_feeder.hpp"

#include <cwchar>

namespace talk::client {
namespace {

constexpr char32_t kReplacement = 0xfffd;

// Zero-width format characters that reorder or hide text; shown as a replacement character.
bool is_invisible_format(char32_t cp) {
  return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff;
}

// Valid range of the second byte after a lead byte (Unicode table 3-7).
bool second_byte_ok(std::uint8_t lead, std::uint8_t byte) {
  if (lead == 0xe0) return byte >= 0xa0 && byte <= 0xbf;
  if (lead == 0xed) return byte >= 0x80 && byte <= 0x9f;
  if (lead == 0xf0) return byte >= 0x90 && byte <= 0xbf;
  if (lead == 0xf4) return byte >= 0x80 && byte <= 0x8f;
  return byte >= 0x80 && byte <= 0xbf;
}

}  // namespace

std::string caret_notation(std::uint8_t byte) {
  const char shown = byte == 0x7f ? '?' : static_cast<char>((byte & 0x1f) + '@');
  return std::string{'^', shown};
}

std::string encode_utf8(char32_t cp) {
  std::string out;
  const auto add = [&out](char32_t v) { out.push_back(static_cast<char>(v)); };
  if (cp < 0x80) {
    add(cp);
  } else if (cp < 0x800) {
    add(0xc0 | (cp >> 6));
    add(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    add(0xe0 | (cp >> 12));
    add(0x80 | ((cp >> 6) & 0x3f));
    add(0x80 | (cp & 0x3f));
  } else {
    add(0xf0 | (cp >> 18));
    add(0x80 | ((cp >> 12) & 0x3f));
    add(0x80 | ((cp >> 6) & 0x3f));
    add(0x80 | (cp & 0x3f));
  }
  return out;
}

TextFeeder::TextFeeder(Pane& pane, bool utf8, bool also_classic_keys)
    : pane_(pane), utf8_(utf8), classic_keys_(also_classic_keys) {}

int TextFeeder::feed(std::span<const std::uint8_t> bytes) {
  int bells = 0;
  for (const std::uint8_t byte : bytes) feed_byte(byte, bells);
  return bells;
}

TextFeeder::Edit TextFeeder::edit_for(std::uint8_t byte) const {
  if (byte != 0) {
    if (byte == edit_.erase) return Edit::Erase;
    if (byte == edit_.kill) return Edit::Kill;
    if (byte == edit_.werase) return Edit::Werase;
  }
  if (classic_keys_) {
    if (byte == 0x08 || byte == 0x7f || byte == kYtalkErase) return Edit::Erase;
    if (byte == 0x15) return Edit::Kill;
    if (byte == 0x17) return Edit::Werase;
  }
  return Edit::None;
}

void TextFeeder::feed_byte(std::uint8_t byte, int& bells) {
  if (pending_need_ > 0) {
    const auto lead = static_cast<std::uint8_t>(pending_[0]);
    const bool ok = pending_.size() == 1 ? second_byte_ok(lead, byte) : (byte & 0xc0) == 0x80;
    if (ok) {
      pending_.push_back(static_cast<char>(byte));
      pending_cp_ = (pending_cp_ << 6) | (byte & 0x3fu);
      if (--pending_need_ == 0) {
        pending_.clear();
        emit_code_point(pending_cp_);
      }
      return;
    }
    flush_invalid();  // the sequence broke off: show what came, then handle this byte afresh
  }
  switch (edit_for(byte)) {
    case Edit::Erase:
      pane_.erase_char();
      return;
    case Edit::Kill:
      pane_.kill_line();
      return;
    case Edit::Werase:
      pane_.erase_word();
      return;
    case Edit::None:
      break;
  }
  if (byte == '\n' || byte == '\r') {
    pane_.newline();
  } else if (byte == '\a') {
    ++bells;
  } else if (byte == '\t') {
    const int spaces = 8 - pane_.current_line_width() % 8;
    pane_.add_glyph({std::string(static_cast<std::size_t>(spaces), ' '), spaces});
  } else if (byte == '\f') {
    // A form feed carries no text (netkit ignores it too).
  } else if (byte < 0x20 || byte == 0x7f) {
    pane_.add_glyph({caret_notation(byte), 2});
  } else if (byte < 0x80) {
    pane_.add_glyph({std::string(1, static_cast<char>(byte)), 1});
  } else if (utf8_) {
    start_sequence(byte);
  } else {
    emit_invalid_byte(byte);
  }
}

void TextFeeder::start_sequence(std::uint8_t byte) {
  if (byte >= 0xc2 && byte <= 0xdf) {
    pending_need_ = 1;
    pending_cp_ = byte & 0x1fu;
  } else if (byte >= 0xe0 && byte <= 0xef) {
    pending_need_ = 2;
    pending_cp_ = byte & 0x0fu;
  } else if (byte >= 0xf0 && byte <= 0xf4) {
    pending_need_ = 3;
    pending_cp_ = byte & 0x07u;
  } else {
    emit_invalid_byte(byte);
    return;
  }
  pending_.assign(1, static_cast<char>(byte));
}

void TextFeeder::flush_invalid() {
  const std::string bytes = std::move(pending_);
  pending_.clear();
  pending_need_ = 0;
  for (const char c : bytes) emit_invalid_byte(static_cast<std::uint8_t>(c));
}

void TextFeeder::emit_invalid_byte(std::uint8_t byte) {
  if (utf8_) {
    // A Latin-1 peer's letters stay readable; the C1 range becomes a replacement character.
    emit_code_point(byte >= 0xa0 ? char32_t{byte} : kReplacement);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  pane_.add_glyph({std::string{'\\', 'x', kHex[byte >> 4], kHex[byte & 0xf]}, 4});
}

void TextFeeder::emit_code_point(char32_t cp) {
  if ((cp >= 0x80 && cp < 0xa0) || is_invisible_format(cp)) cp = kReplacement;
  const int width = ::wcwidth(static_cast<wchar_t>(cp));
  if (width < 0) {
    pane_.add_glyph({encode_utf8(kReplacement), 1});
  } else if (width == 0) {
    const std::string mark = encode_utf8(cp);
    if (!pane_.combine_with_last(mark)) pane_.add_glyph({" " + mark, 1});
  } else {
    pane_.add_glyph({encode_utf8(cp), width});
  }
}

}  // namespace talk::client
