// UTF-8, one sequence at a time, for everything that reads or shows text: well-formed means
// Unicode's table 3-7 (no overlong forms, no surrogates, nothing above U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace talk::proto {

inline constexpr char32_t kReplacementChar = 0xfffd;

/// What the bytes at the front of a string are.
struct Utf8Sequence {
  enum class Kind : std::uint8_t {
    CodePoint,   // `length` bytes encode `code_point`
    Incomplete,  // a well-formed start that needs more bytes than there are
    Invalid,     // the first byte starts no well-formed sequence, or its sequence breaks off
  };
  Kind kind = Kind::Invalid;
  char32_t code_point = 0;
  std::size_t length = 0;  // CodePoint: the sequence's bytes; otherwise 0
};

/// The sequence at the front of `bytes` (Invalid when `bytes` is empty). A caller that meets
/// Invalid skips one byte; the continuation bytes after it are then Invalid one by one.
Utf8Sequence decode_utf8_sequence(std::string_view bytes);

/// Appends the UTF-8 encoding of `cp`; a surrogate or a value above U+10FFFF becomes U+FFFD.
void append_utf8(std::string& out, char32_t cp);

}  // namespace talk::proto
