// The whole split screen as a pure model: my pane on top, a separator line carrying the status
// message, the peer's pane below. It produces a Frame that a Screen draws verbatim.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "talk/pane.hpp"

namespace talk::client {

struct FrameRow {
  std::string text;  // printable glyph text only
  int width = 0;
  bool separator = false;  // draw a horizontal line under the text
};

/// Cuts `text` (printable, sanitised: our own messages, titles, status) to `cols` columns by
/// glyph, reusing the pane's wrapping so multibyte text is never split mid-character.
FrameRow fit_row(const std::string& text, int cols, bool separator = false);

/// What the terminal should show: exactly `rows` rows and where the cursor goes.
struct Frame {
  int rows = 0;
  int cols = 0;
  std::vector<FrameRow> lines;
  int cursor_row = 0;
  int cursor_col = 0;
};

class ScreenModel {
 public:
  ScreenModel(int rows, int cols);

  Pane& mine() { return mine_; }
  Pane& peer() { return peer_; }
  const Pane& mine() const { return mine_; }
  const Pane& peer() const { return peer_; }

  /// Shows "[text]" on the separator line (the classic bracketed status message).
  void set_status(std::string text) { status_ = std::move(text); }
  const std::string& status() const { return status_; }
  /// The conversation's topic and a transport's notice, shown after the status (empty: none).
  void set_topic(std::string text) { topic_ = std::move(text); }
  void set_notice(std::string text) { notice_ = std::move(text); }
  const std::string& topic() const { return topic_; }
  /// A line the user is typing outside the panes (a new topic), shown after the status.
  void set_prompt(std::string text) { prompt_ = std::move(text); }

  /// A new terminal size: both panes are re-wrapped to it on the next frame.
  void resize(int rows, int cols);
  int rows() const { return rows_; }
  int cols() const { return cols_; }
  int my_height() const;
  int peer_height() const;

  /// Scroll half a pane back (positive pages) or forward (negative).
  void scroll_mine(int pages);
  void scroll_peer(int pages);

  /// The frame to draw; a pane whose text, scroll position and size did not change since the
  /// last frame is not wrapped again, and text only appended to its last line is wrapped alone.
  /// The reference stays valid until the next call.
  const Frame& frame() const;

 private:
  struct PaneView {
    std::uint64_t revision = 0;
    std::uint64_t layout = 0;
    std::size_t last_glyphs = 0;  // glyphs of the pane's last line already in `rows`
    bool changed = true;          // `rows` differ from what the last frame holds
    int cols = -1;
    int height = -1;
    std::vector<PaneRow> rows;
    int cursor_row = -1;
    int cursor_col = -1;
  };
  static PaneView& view_of(const Pane& pane, PaneView& view, int cols, int height);
  int separator_row() const { return my_height(); }
  Pane mine_;
  Pane peer_;
  std::string status_;
  std::string topic_;
  std::string prompt_;
  std::string notice_;
  int rows_;
  int cols_;
  mutable PaneView mine_view_;
  mutable PaneView peer_view_;
  mutable std::string separator_key_;
  mutable FrameRow separator_;
  mutable Frame frame_;
};

}  // namespace talk::client
