// Displayable code points and talk-style line updates.
#include "xmpp/talk_text.hpp"

#include <algorithm>

#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

bool is_unsafe(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x200b && cp <= 0x200f) ||
         (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
         (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff;
}

}  // namespace

std::u32string displayable(std::u32string_view text) {
  std::u32string out(text);
  for (char32_t& cp : out) {
    if (cp == U'\t' || cp == U'\n') {
      cp = U' ';
    } else if (is_unsafe(cp)) {
      cp = kReplacementChar;
    }
  }
  return out;
}

std::string talk_bytes_for_change(std::u32string_view shown, std::u32string_view wanted,
                                  std::uint8_t erase) {
  const auto [shown_end, wanted_end] =
      std::mismatch(shown.begin(), shown.end(), wanted.begin(), wanted.end());
  const auto common = static_cast<std::size_t>(shown_end - shown.begin());
  std::string bytes(shown.size() - common, static_cast<char>(erase));
  bytes += encode_utf8(displayable(wanted.substr(common)));
  return bytes;
}

std::string talk_bytes_for_message(std::string_view body) {
  std::string bytes;
  std::u32string text = decode_utf8(body);
  while (!text.empty() && (text.back() == U'\n' || text.back() == U'\r')) text.pop_back();
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(U'\n', start);
    if (end == std::u32string::npos) end = text.size();
    std::u32string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == U'\r') line.remove_suffix(1);
    bytes += encode_utf8(displayable(line));
    bytes += '\n';
    start = end + 1;
  }
  return bytes;
}

}  // namespace talk::xmpp
