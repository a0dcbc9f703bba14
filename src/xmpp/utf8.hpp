// UTF-8 <-> code points for XMPP text, whose real-time-text positions count code points.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "protocol/utf8.hpp"

namespace talk::xmpp {

inline constexpr char32_t kReplacementChar = proto::kReplacementChar;

/// Decodes UTF-8; every byte of an invalid, overlong or surrogate sequence becomes U+FFFD, so
/// the result always holds valid code points.
std::u32string decode_utf8(std::string_view bytes);

/// Encodes code points as UTF-8; an invalid code point (surrogate, > U+10FFFF) becomes U+FFFD.
std::string encode_utf8(std::u32string_view code_points);

/// The longest prefix of `bytes` of at most `max_bytes` bytes that does not split a sequence.
std::string_view utf8_prefix(std::string_view bytes, std::size_t max_bytes);

}  // namespace talk::xmpp
