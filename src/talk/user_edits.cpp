// split_user_edits: which typed bytes are edits and which are text.
#include "talk/user_edits.hpp"

namespace talk::client {
namespace {

UserEdit::Kind kind_of(std::uint8_t byte, const EditChars& mine) {
  using Kind = UserEdit::Kind;
  if (byte != 0) {
    if (byte == mine.erase) return Kind::Erase;
    if (byte == mine.kill) return Kind::Kill;
    if (byte == mine.werase) return Kind::WordErase;
  }
  if (byte == 0x08 || byte == 0x7f) return Kind::Erase;
  if (byte == 0x15) return Kind::Kill;
  if (byte == 0x17) return Kind::WordErase;
  if (byte == '\n') return Kind::Newline;
  return Kind::Text;
}

}  // namespace

void split_user_edits(std::string_view typed, const EditChars& mine, std::vector<UserEdit>& out) {
  for (const char c : typed) {
    const auto kind = kind_of(static_cast<std::uint8_t>(c), mine);
    if (kind == UserEdit::Kind::Text) {
      if (out.empty() || out.back().kind != UserEdit::Kind::Text) out.push_back({});
      out.back().text.push_back(c);
      out.back().typed.push_back(c);
      continue;
    }
    out.push_back({kind, {}, std::string(1, c)});
  }
}

}  // namespace talk::client
