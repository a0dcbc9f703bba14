// What a peer's XMPP text becomes on a talk screen: its code points made displayable one for
// one, and the talk-style bytes (erase characters, text, newline) that bring a pane from what it
// shows to what the peer now has.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace talk::xmpp {

/// `text` with every code point that could steer a terminal or hide text (C0 and C1 controls,
/// DEL, bidirectional and zero-width format characters) replaced by U+FFFD, and tab and newline
/// by a space; the length in code points is unchanged, so real-time-text positions still hold.
std::u32string displayable(std::u32string_view text);

/// The bytes that change a talk pane's current line from `shown` to `wanted` (both
/// displayable): one `erase` per code point after the common prefix, then the rest of `wanted`.
std::string talk_bytes_for_change(std::u32string_view shown, std::u32string_view wanted,
                                  std::uint8_t erase);

/// A committed message as talk bytes: its lines, each displayable, each ended by a newline.
std::string talk_bytes_for_message(std::string_view body);

}  // namespace talk::xmpp
