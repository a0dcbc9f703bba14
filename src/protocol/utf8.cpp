// UTF-8 sequences: decoding one at a time with Unicode's table 3-7, and encoding.
#include "protocol/utf8.hpp"

namespace talk::proto {
namespace {

bool is_continuation(std::uint8_t byte) {
  return (byte & 0xc0U) == 0x80U;
}

}  // namespace

Utf8Sequence decode_utf8_sequence(std::string_view bytes) {
  using Kind = Utf8Sequence::Kind;
  if (bytes.empty()) return {};
  const auto lead = static_cast<std::uint8_t>(bytes[0]);
  if (lead < 0x80) return {Kind::CodePoint, lead, 1};
  std::size_t length = 0;
  char32_t cp = 0;
  std::uint8_t min_second = 0x80;
  std::uint8_t max_second = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    cp = lead & 0x1fU;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    cp = lead & 0x0fU;
    if (lead == 0xe0) min_second = 0xa0;  // overlong
    if (lead == 0xed) max_second = 0x9f;  // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    cp = lead & 0x07U;
    if (lead == 0xf0) min_second = 0x90;  // overlong
    if (lead == 0xf4) max_second = 0x8f;  // above U+10FFFF
  } else {
    return {};
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (i >= bytes.size()) return {Kind::Incomplete, 0, 0};
    const auto byte = static_cast<std::uint8_t>(bytes[i]);
    const bool ok = i == 1 ? byte >= min_second && byte <= max_second : is_continuation(byte);
    if (!ok) return {};
    cp = (cp << 6) | (byte & 0x3fU);
  }
  return {Kind::CodePoint, cp, length};
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = kReplacementChar;
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

}  // namespace talk::proto
