// The terminal sanitizer: C-style escaping of control bytes, C1 controls and invalid UTF-8.
#include "protocol/sanitize.hpp"

#include <cstddef>
#include <cstdint>

#include "protocol/utf8.hpp"

namespace talk::proto {
namespace {

void append_octal(std::string& out, std::uint8_t byte) {
  out += '\\';
  out += static_cast<char>('0' + ((byte >> 6U) & 7U));
  out += static_cast<char>('0' + ((byte >> 3U) & 7U));
  out += static_cast<char>('0' + (byte & 7U));
}

// Appends the escape of one byte outside printable ASCII.
void append_escaped(std::string& out, std::uint8_t byte) {
  switch (byte) {
    case '\0':
      out += "\\0";
      return;
    case '\a':
      out += "\\a";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\v':
      out += "\\v";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\r':
      out += "\\r";
      return;
    default:
      append_octal(out, byte);
      return;
  }
}

// Length of the well-formed UTF-8 sequence at `at` (2..4), or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t at) {
  const Utf8Sequence sequence = decode_utf8_sequence(s.substr(at));
  return sequence.kind == Utf8Sequence::Kind::CodePoint && sequence.length > 1 ? sequence.length
                                                                               : 0;
}

// U+0080..U+009F are encoded as C2 80..C2 9F.
bool is_c1_control(std::string_view s, std::size_t at, std::size_t length) {
  return length == 2 && static_cast<std::uint8_t>(s[at]) == 0xc2 &&
         static_cast<std::uint8_t>(s[at + 1]) <= 0x9f;
}

}  // namespace

std::string sanitize_for_terminal(std::string_view bytes, Utf8Policy policy) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t at = 0;
  while (at < bytes.size()) {
    const auto byte = static_cast<std::uint8_t>(bytes[at]);
    if (byte == '\\') {
      out += "\\\\";
      ++at;
    } else if (byte >= 0x20 && byte < 0x7f) {
      out += static_cast<char>(byte);
      ++at;
    } else if (byte == 0 && at + 1 < bytes.size() && bytes[at + 1] >= '0' && bytes[at + 1] <= '7') {
      append_octal(out, byte);  // "\0" before an octal digit would read back as another byte
      ++at;
    } else if (byte < 0x80 || policy == Utf8Policy::Escape) {
      append_escaped(out, byte);
      ++at;
    } else {
      const std::size_t length = utf8_sequence_length(bytes, at);
      if (length == 0 || is_c1_control(bytes, at, length)) {
        const std::size_t count = length == 0 ? 1 : length;
        for (std::size_t i = 0; i < count; ++i) {
          append_escaped(out, static_cast<std::uint8_t>(bytes[at + i]));
        }
        at += count;
      } else {
        out.append(bytes.substr(at, length));
        at += length;
      }
    }
  }
  return out;
}

bool is_printable_name(std::string_view name) {
  for (const char c : name) {
    const auto byte = static_cast<std::uint8_t>(c);
    if (byte < 0x21 || byte > 0x7e) return false;
  }
  return true;
}

}  // namespace talk::proto
