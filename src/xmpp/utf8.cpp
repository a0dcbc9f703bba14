// UTF-8 decoding and encoding with replacement of invalid sequences.
#include "xmpp/utf8.hpp"

#include <cstdint>

namespace talk::xmpp {
namespace {

bool is_valid_code_point(char32_t cp) {
  return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
}

// The length of the sequence a lead byte starts, 0 for a byte that cannot start one.
std::size_t sequence_length(std::uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

void append(std::string& out, char32_t cp) {
  if (!is_valid_code_point(cp)) cp = kReplacementChar;
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
}

}  // namespace

std::u32string decode_utf8(std::string_view bytes) {
  std::u32string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<std::uint8_t>(bytes[i]);
    const std::size_t length = sequence_length(lead);
    if (length == 1) {
      out.push_back(lead);
      ++i;
      continue;
    }
    bool ok = length != 0 && i + length <= bytes.size();
    char32_t cp = length == 0 ? 0 : static_cast<char32_t>(lead & (0x7f >> length));
    for (std::size_t k = 1; ok && k < length; ++k) {
      const auto next = static_cast<std::uint8_t>(bytes[i + k]);
      ok = (next & 0xc0) == 0x80;
      cp = (cp << 6) | (next & 0x3f);
    }
    const char32_t minimum = length == 3 ? 0x800 : length == 4 ? 0x10000 : 0x80;
    if (ok && cp >= minimum && is_valid_code_point(cp)) {
      out.push_back(cp);
      i += length;
    } else {
      out.push_back(kReplacementChar);
      ++i;
    }
  }
  return out;
}

std::string encode_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (const char32_t cp : code_points) append(out, cp);
  return out;
}

std::string_view utf8_prefix(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() <= max_bytes) return bytes;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<std::uint8_t>(bytes[end]) & 0xc0) == 0x80) --end;
  return bytes.substr(0, end);
}

}  // namespace talk::xmpp
