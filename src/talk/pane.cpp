// Pane: editing, wrapping and scrollback of one half of the screen.
#include "talk/pane.hpp"

#include <algorithm>

namespace talk::client {

Pane::Pane(std::size_t max_lines) : max_lines_(std::max<std::size_t>(max_lines, 1)) {
  lines_.emplace_back();
}

void Pane::add_glyph(Glyph glyph) {
  ++revision_;  // an append: the layout so far stays valid
  lines_.back().push_back(std::move(glyph));
}

bool Pane::combine_with_last(const std::string& text) {
  if (lines_.back().empty()) return false;
  changed_layout();
  lines_.back().back().text += text;
  return true;
}

void Pane::newline() {
  changed_layout();
  lines_.emplace_back();
  while (lines_.size() > max_lines_) lines_.pop_front();
}

void Pane::erase_char() {
  changed_layout();
  if (!lines_.back().empty()) lines_.back().pop_back();
}

void Pane::erase_word() {
  changed_layout();
  Line& line = lines_.back();
  const auto is_space = [](const Glyph& g) { return !g.text.empty() && g.text[0] == ' '; };
  while (!line.empty() && is_space(line.back())) line.pop_back();
  while (!line.empty() && !is_space(line.back())) line.pop_back();
}

void Pane::kill_line() {
  changed_layout();
  lines_.back().clear();
}

void Pane::clear() {
  changed_layout();
  lines_.clear();
  lines_.emplace_back();
  scroll_offset_ = 0;
}

void Pane::set_line(std::size_t index, std::vector<Glyph> glyphs) {
  if (index >= max_lines_) return;
  while (lines_.size() <= index) lines_.emplace_back();
  lines_[index] = std::move(glyphs);
  changed_layout();
}

int Pane::current_line_width() const {
  int width = 0;
  for (const Glyph& g : lines_.back()) width += g.width;
  return width;
}

void Pane::wrap_onto(std::vector<PaneRow>& rows, std::span<const Glyph> glyphs, int width,
                     bool is_last) {
  if (rows.empty()) rows.emplace_back();
  for (const Glyph& g : glyphs) {
    if (rows.back().width > 0 && rows.back().width + g.width > width) rows.emplace_back();
    if (g.width > width) {  // a terminal narrower than one glyph: show that something is there
      rows.back().text += '>';
      rows.back().width += 1;
      continue;
    }
    rows.back().text += g.text;
    rows.back().width += g.width;
  }
  // The cursor of a full last row sits at the start of the next one.
  if (is_last && rows.back().width >= width) rows.emplace_back();
}

std::vector<PaneRow> Pane::wrap(const Line& line, int width, bool is_last) {
  std::vector<PaneRow> rows(1);
  wrap_onto(rows, line, width, is_last);
  return rows;
}

int Pane::total_rows(int width) const {
  int rows = 0;
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    rows += static_cast<int>(wrap(lines_[i], width, i + 1 == lines_.size()).size());
  }
  return rows;
}

std::vector<PaneRow> Pane::visible_rows(int width, int height, int& cursor_row,
                                        int& cursor_col) const {
  cursor_row = -1;
  cursor_col = -1;
  width = std::max(width, 1);
  if (height <= 0) return {};
  const auto wanted = static_cast<std::size_t>(height) + static_cast<std::size_t>(scroll_offset_);
  // Wrap from the newest line backwards until enough rows are known.
  std::vector<PaneRow> tail;  // newest first
  for (std::size_t i = lines_.size(); i > 0 && tail.size() < wanted; --i) {
    auto rows = wrap(lines_[i - 1], width, i == lines_.size());
    for (auto it = rows.rbegin(); it != rows.rend() && tail.size() < wanted; ++it) {
      tail.push_back(std::move(*it));
    }
  }
  const auto offset = std::min(static_cast<std::size_t>(scroll_offset_), tail.size());
  std::vector<PaneRow> shown;
  for (std::size_t i = tail.size(); i > offset; --i) shown.push_back(std::move(tail[i - 1]));
  if (shown.size() > static_cast<std::size_t>(height)) {
    shown.erase(shown.begin(), shown.end() - height);
  }
  if (scroll_offset_ == 0 && !shown.empty()) {
    cursor_row = static_cast<int>(shown.size()) - 1;
    cursor_col = shown.back().width;
  }
  return shown;
}

void Pane::scroll(int rows, int width, int height) {
  const int max_offset = std::max(0, total_rows(std::max(width, 1)) - std::max(height, 1));
  changed_layout();
  scroll_offset_ = std::clamp(scroll_offset_ + rows, 0, max_offset);
}

std::string Pane::line_text(std::size_t index) const {
  std::string text;
  if (index >= lines_.size()) return text;
  for (const Glyph& g : lines_[index]) text += g.text;
  return text;
}

}  // namespace talk::client
