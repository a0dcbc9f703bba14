// TalkInput and the safe talk bytes.
#include "gateway/talk_translation.hpp"

#include "xmpp/utf8.hpp"

namespace talk::gateway {

void TalkInput::set_edit_chars(std::uint8_t erase, std::uint8_t kill, std::uint8_t word_erase) {
  erase_ = erase;
  kill_ = kill;
  word_erase_ = word_erase;
}

std::vector<TalkEdit> TalkInput::feed(std::span<const std::uint8_t> bytes) {
  std::vector<TalkEdit> edits;
  const auto action = [&edits](TalkEdit::Kind kind) { edits.push_back(TalkEdit{kind, {}}); };
  for (const std::uint8_t b : bytes) {
    if (b == erase_) {
      action(TalkEdit::Kind::Erase);
    } else if (b == kill_) {
      action(TalkEdit::Kind::Kill);
    } else if (b == word_erase_) {
      action(TalkEdit::Kind::WordErase);
    } else if (b == '\n' || b == '\r') {
      action(TalkEdit::Kind::Newline);
    } else if (b >= 0x20 && b != 0x7f) {
      if (edits.empty() || edits.back().kind != TalkEdit::Kind::Text) {
        action(TalkEdit::Kind::Text);
      }
      edits.back().text.push_back(static_cast<char>(b));
    } else if (b == '\t') {
      if (edits.empty() || edits.back().kind != TalkEdit::Kind::Text) {
        action(TalkEdit::Kind::Text);
      }
      edits.back().text.push_back(' ');
    }
  }
  return edits;
}

std::string talk_safe_bytes(std::string_view bytes, bool utf8) {
  std::u32string out;
  for (const char32_t cp : xmpp::decode_utf8(bytes)) {
    const bool control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    if (control && cp != U'\n' && cp != kGatewayErase) continue;
    out.push_back(cp >= 0x80 && !utf8 && !control ? U'?' : cp);
  }
  return xmpp::encode_utf8(out);
}

std::string talk_notice(std::string_view text) {
  std::string out;
  for (const char c : text) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

}  // namespace talk::gateway
