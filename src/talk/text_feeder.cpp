// TextFeeder: byte interpretation for one pane.
#include "talk/text_feeder.hpp"

#include <cwchar>

#include "protocol/utf8.hpp"

namespace talk::client {
namespace {

constexpr char32_t kReplacement = proto::kReplacementChar;

// Zero-width format characters that reorder or hide text; shown as a replacement character.
bool is_invisible_format(char32_t cp) {
  return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
         (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff;
}

}  // namespace

std::string caret_notation(std::uint8_t byte) {
  const char shown = byte == 0x7f ? '?' : static_cast<char>((byte & 0x1f) + '@');
  return std::string{'^', shown};
}

std::string encode_utf8(char32_t cp) {
  std::string out;
  proto::append_utf8(out, cp);
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
  if (!pending_.empty()) {
    pending_.push_back(static_cast<char>(byte));
    const proto::Utf8Sequence sequence = proto::decode_utf8_sequence(pending_);
    if (sequence.kind == proto::Utf8Sequence::Kind::Incomplete) return;
    if (sequence.kind == proto::Utf8Sequence::Kind::CodePoint) {
      pending_.clear();
      emit_code_point(sequence.code_point);
      return;
    }
    pending_.pop_back();
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
    // Spaces to the next multiple of 8; each is erased on its own, as on a classic screen.
    const int spaces = 8 - pane_.current_line_width() % 8;
    for (int i = 0; i < spaces; ++i) pane_.add_glyph({" ", 1});
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
  const std::string lead(1, static_cast<char>(byte));
  if (proto::decode_utf8_sequence(lead).kind == proto::Utf8Sequence::Kind::Incomplete) {
    pending_ = lead;
  } else {
    emit_invalid_byte(byte);
  }
}

void TextFeeder::flush_invalid() {
  const std::string bytes = std::move(pending_);
  pending_.clear();
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
