// Independent checks of sanitizer output: terminal safety, strict UTF-8, and a C-style unescaper
// that must give back the original bytes. Shared by the unit tests and the fuzzer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/sanitize.hpp"

namespace talk::proto::testing {

inline unsigned byte_at(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

/// Length of the well-formed UTF-8 sequence (Unicode table 3-7) starting at `i`, 0 if none.
/// Returns its code point through `cp`.
inline std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& cp) {
  const unsigned b0 = byte_at(s, i);
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xbf;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  } else if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2;
    cp = b0 & 0x1fU;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3;
    cp = b0 & 0x0fU;
    if (b0 == 0xe0) lo = 0xa0;
    if (b0 == 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4;
    cp = b0 & 0x07U;
    if (b0 == 0xf0) lo = 0x90;
    if (b0 == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned b = byte_at(s, i + k);
    if (b < (k == 1 ? lo : 0x80U) || b > (k == 1 ? hi : 0xbfU)) return 0;
    cp = (cp << 6) | (b & 0x3fU);
  }
  return len;
}

/// Why `out` is not safe to write to a terminal, or "" when it is.
inline std::string terminal_safety_problem(std::string_view out, Utf8Policy policy) {
  for (std::size_t i = 0; i < out.size();) {
    const unsigned b = byte_at(out, i);
    if (b < 0x20 || b == 0x7f)
      return "control byte " + std::to_string(b) + " at " + std::to_string(i);
    if (b < 0x80) {
      ++i;
      continue;
    }
    if (policy == Utf8Policy::Escape) return "byte >= 0x80 at " + std::to_string(i);
    std::uint32_t cp = 0;
    const std::size_t len = utf8_sequence(out, i, cp);
    if (len == 0) return "invalid UTF-8 at " + std::to_string(i);
    if (cp >= 0x80 && cp <= 0x9f) return "C1 control at " + std::to_string(i);
    i += len;
  }
  return "";
}

/// Undoes C-style escaping (\\, \a \b \t \n \v \f \r, \ooo with up to three octal digits as a C
/// compiler reads it). nullopt for a malformed escape.
inline std::optional<std::string> c_unescape(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '\\') {
      out += in[i];
      continue;
    }
    if (++i == in.size()) return std::nullopt;
    switch (in[i]) {
      case '\\':
        out += '\\';
        continue;
      case 'a':
        out += '\a';
        continue;
      case 'b':
        out += '\b';
        continue;
      case 't':
        out += '\t';
        continue;
      case 'n':
        out += '\n';
        continue;
      case 'v':
        out += '\v';
        continue;
      case 'f':
        out += '\f';
        continue;
      case 'r':
        out += '\r';
        continue;
      default:
        break;
    }
    unsigned value = 0;
    std::size_t digits = 0;
    while (digits < 3 && i < in.size() && in[i] >= '0' && in[i] <= '7') {
      value = value * 8 + static_cast<unsigned>(in[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || value > 0xff) return std::nullopt;
    --i;
    out += static_cast<char>(value);
  }
  return out;
}

}  // namespace talk::proto::testing
