// Turns untrusted bytes (names, host names, conversation text) into text safe for a terminal.
#pragma once

#include <string>
#include <string_view>

namespace talk::proto {

enum class Utf8Policy {
  Keep,    // well-formed, printable UTF-8 sequences pass through unchanged
  Escape,  // every byte >= 0x80 is escaped (for a terminal of unknown charset)
};

/// C-style escaping, like strvis(3) VIS_CSTYLE: printable ASCII passes (a backslash becomes
/// "\\"), \a \b \t \n \v \f \r and \0 use their letters, every other control byte, DEL, C1
/// control (U+0080..U+009F), invalid or overlong UTF-8 byte and surrogate becomes "\ooo"
/// (three octal digits). The result never contains a byte < 0x20, 0x7f, or a C1 control.
std::string sanitize_for_terminal(std::string_view bytes, Utf8Policy policy = Utf8Policy::Keep);

/// True when every byte is printable ASCII (0x21..0x7e): what a login name or tty may hold.
bool is_printable_name(std::string_view name);

}  // namespace talk::proto
