// UtalkEditEncoder: my side of a utalk conversation, edit by edit.
#include "talk/utalk_edit_encoder.hpp"

#include <algorithm>

#include "protocol/utalk_data.hpp"
#include "talk/text_feeder.hpp"

namespace talk::client {
namespace {

using proto::utalk::DataOp;
using Kind = DataOp::Kind;
constexpr std::size_t kTabStop = 8;
constexpr std::uint16_t kMaxCoordinate = 65535;

std::uint16_t clamp16(std::size_t value) {
  return static_cast<std::uint16_t>(std::min<std::size_t>(value, kMaxCoordinate));
}

// The code points of `text` (UTF-8; invalid bytes become U+FFFD), or its bytes as ISO-8859-1.
std::vector<char32_t> code_points(const std::string& text, bool utf8) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    if (!utf8 || lead < 0x80) {
      out.push_back(lead);
      ++i;
      continue;
    }
    std::size_t need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
    char32_t cp = lead & (0x3fU >> need);
    std::size_t j = 1;
    while (j <= need && i + j < text.size() &&
           (static_cast<std::uint8_t>(text[i + j]) & 0xc0U) == 0x80) {
      cp = (cp << 6U) | (static_cast<std::uint8_t>(text[i + j]) & 0x3fU);
      ++j;
    }
    out.push_back(need == 0 || j <= need ? 0xfffd : cp);
    i += j;
  }
  return out;
}

bool is_combining(char32_t cp) {
  return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
         (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f);
}

}  // namespace

std::uint16_t UtalkEditEncoder::column() const {
  return clamp16(column_of(line_.size()));
}

std::size_t UtalkEditEncoder::column_of(std::size_t elements) const {
  std::size_t column = 1;
  for (std::size_t i = 0; i < elements && i < line_.size(); ++i) column += line_[i].size();
  return column;
}

void UtalkEditEncoder::add_element(Element element, std::vector<proto::srdp::Chunk>& out,
                                   std::size_t& unsent) {
  if (element.empty()) {
    ++unsent;
  } else if (run_) {
    out.back().body.insert(out.back().body.end(), element.begin(), element.end());
  } else {
    out.push_back(proto::utalk::encode_data(
        {clamp16(line_number_), column(), {{Kind::Text, element, 0, 0}}}));
    run_ = true;  // the next characters join this chunk
  }
  line_.push_back(std::move(element));
}

void UtalkEditEncoder::add_text(const std::string& text, std::vector<proto::srdp::Chunk>& out,
                                std::size_t& unsent) {
  run_ = false;
  for (const char32_t cp : code_points(text, utf8_)) {
    if (cp == '\a') {
      out.push_back(
          proto::utalk::encode_data({clamp16(line_number_), column(), {{Kind::Beep, "", 0, 0}}}));
      run_ = false;
    } else if (cp == '\t') {
      const std::size_t at = column_of(line_.size()) - 1;
      add_element(std::string(kTabStop - at % kTabStop, ' '), out, unsent);
    } else if (is_combining(cp) && !line_.empty()) {
      ++unsent;  // a mark on the glyph before: my pane combines it, Latin-1 cannot
    } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp > 0xfe) {
      add_element({}, out, unsent);
    } else {
      add_element(std::string(1, static_cast<char>(cp)), out, unsent);
    }
  }
  run_ = false;
}

void UtalkEditEncoder::cut_to(std::size_t elements, std::vector<proto::srdp::Chunk>& out) {
  const std::size_t before = column_of(line_.size());
  line_.resize(std::min(elements, line_.size()));
  const std::size_t after = column_of(line_.size());
  if (after == before && elements != 0) return;  // only unsent glyphs went
  out.push_back(proto::utalk::encode_data(
      {clamp16(line_number_), clamp16(after), {{Kind::Truncate, "", 0, 0}}}));
}

std::vector<proto::srdp::Chunk> UtalkEditEncoder::encode(const std::vector<UserEdit>& edits,
                                                         std::size_t& unsent) {
  std::vector<proto::srdp::Chunk> out;
  for (const UserEdit& edit : edits) {
    switch (edit.kind) {
      case UserEdit::Kind::Text:
        add_text(edit.text, out, unsent);
        break;
      case UserEdit::Kind::Erase:
        if (!line_.empty()) cut_to(line_.size() - 1, out);
        break;
      case UserEdit::Kind::WordErase: {
        std::size_t keep = line_.size();
        const auto is_space = [this](std::size_t i) { return line_[i - 1].starts_with(' '); };
        while (keep > 0 && is_space(keep)) --keep;
        while (keep > 0 && !is_space(keep)) --keep;
        if (keep != line_.size()) cut_to(keep, out);
        break;
      }
      case UserEdit::Kind::Kill:
        cut_to(0, out);
        break;
      case UserEdit::Kind::Newline:
        ++line_number_;
        line_.clear();
        out.push_back(proto::utalk::encode_data({clamp16(line_number_), 1, {}}));
        break;
      case UserEdit::Kind::Topic: {
        std::string latin1;
        for (const char32_t cp : code_points(edit.text, utf8_)) {
          if (cp >= 0x20 && cp <= 0xfe && !(cp >= 0x7f && cp < 0xa0)) {
            latin1.push_back(static_cast<char>(cp));
          } else {
            ++unsent;
          }
        }
        out.push_back(proto::utalk::encode_topic(latin1));
        break;
      }
    }
  }
  return out;
}

}  // namespace talk::client
