// One half of the split screen as a pure model: logical lines of glyphs, wrapped to the current
// width on demand, with editing at the end of the last line and a scrollback position.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

namespace talk::client {

/// Something that occupies `width` terminal columns: a printable character (UTF-8, with any
/// combining marks), a caret-notation control ("^C"), a replacement character, or a tab's spaces.
struct Glyph {
  std::string text;
  int width = 1;

  friend bool operator==(const Glyph&, const Glyph&) = default;
};

/// A row as drawn: the concatenated glyph texts and their total width.
struct PaneRow {
  std::string text;
  int width = 0;
};

class Pane {
 public:
  static constexpr std::size_t kDefaultHistory = 16384;
  explicit Pane(std::size_t max_lines = kDefaultHistory);

  void add_glyph(Glyph glyph);
  /// Appends `width` columns to the last glyph (a combining mark); returns false when the line
  /// is empty and there is nothing to combine with.
  bool combine_with_last(const std::string& text);
  void newline();
  void erase_char();
  void erase_word();
  void kill_line();
  void clear();
  /// Replaces logical line `index` (0 = oldest kept), adding empty lines up to it: for peers
  /// whose text is addressed by line and column rather than appended.
  void set_line(std::size_t index, std::vector<Glyph> glyphs);

  /// Logical columns used on the current line (tab stops are computed from this).
  int current_line_width() const;

  /// The `height` rows shown at `width` columns, oldest first, honouring the scroll position.
  /// Fewer rows when there is less text. `cursor_row`/`cursor_col` get the position after the
  /// last glyph, or -1 when the scrollback hides it.
  std::vector<PaneRow> visible_rows(int width, int height, int& cursor_row, int& cursor_col) const;

  /// Scrolls back (positive) or forward (negative) by `rows`, clamped to the text at `width`.
  void scroll(int rows, int width, int height);
  void scroll_to_end() {
    if (scroll_offset_ != 0) changed_layout();
    scroll_offset_ = 0;
  }
  int scroll_offset() const { return scroll_offset_; }
  /// Changes whenever what the pane shows may have changed (text or scroll position).
  std::uint64_t revision() const { return revision_; }
  /// Changes with revision() except when glyphs were only appended to the last line: while it
  /// stays the same, rows wrapped earlier stay valid and only the new glyphs need wrapping.
  std::uint64_t layout_revision() const { return layout_revision_; }
  /// The glyphs of the newest logical line.
  const std::vector<Glyph>& last_line() const { return lines_.back(); }
  /// Wraps `glyphs` onto `rows` (a line's rows so far, the last one open) as visible_rows()
  /// does; with `is_last`, a full last row is followed by the empty row the cursor sits in.
  static void wrap_onto(std::vector<PaneRow>& rows, std::span<const Glyph> glyphs, int width,
                        bool is_last);
  std::size_t line_count() const { return lines_.size(); }
  /// The text of logical line `index` (0 = oldest kept), for tests and logs.
  std::string line_text(std::size_t index) const;

 private:
  using Line = std::vector<Glyph>;
  static std::vector<PaneRow> wrap(const Line& line, int width, bool is_last);
  int total_rows(int width) const;

  std::deque<Line> lines_;
  std::size_t max_lines_;
  int scroll_offset_ = 0;
  void changed_layout() {
    ++revision_;
    ++layout_revision_;
  }

  std::uint64_t revision_ = 0;
  std::uint64_t layout_revision_ = 0;
};

}  // namespace talk::client
