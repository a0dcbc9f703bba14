// ScreenModel: layout of the two panes and the separator, and the frame to draw.
#include "talk/screen_model.hpp"

#include <algorithm>

#include "talk/text_feeder.hpp"

namespace talk::client {
FrameRow fit_row(const std::string& text, int cols, bool separator) {
  Pane pane(1);
  TextFeeder feeder(pane, true, false);
  feeder.feed({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
  int row = 0;
  int col = 0;
  auto rows = pane.visible_rows(std::max(cols, 1), 1 << 20, row, col);
  FrameRow out;
  if (!rows.empty()) {
    out.text = std::move(rows.front().text);
    out.width = rows.front().width;
  }
  out.separator = separator;
  return out;
}

ScreenModel::ScreenModel(int rows, int cols) : rows_(std::max(rows, 1)), cols_(std::max(cols, 1)) {}

void ScreenModel::resize(int rows, int cols) {
  rows_ = std::max(rows, 1);
  cols_ = std::max(cols, 1);
  // Keep scroll positions valid for the new geometry.
  mine_.scroll(0, cols_, my_height());
  peer_.scroll(0, cols_, peer_height());
}

int ScreenModel::my_height() const {
  return rows_ / 2;
}

int ScreenModel::peer_height() const {
  return std::max(0, rows_ - my_height() - 1);
}

void ScreenModel::scroll_mine(int pages) {
  mine_.scroll(pages * std::max(1, my_height() / 2), cols_, my_height());
}

void ScreenModel::scroll_peer(int pages) {
  peer_.scroll(pages * std::max(1, peer_height() / 2), cols_, peer_height());
}

ScreenModel::PaneView& ScreenModel::view_of(const Pane& pane, PaneView& view, int cols,
                                            int height) {
  if (view.cols == cols && view.height == height && view.revision == pane.revision()) return view;
  const auto& last = pane.last_line();
  view.changed = true;
  if (view.cols == cols && view.height == height && view.layout == pane.layout_revision() &&
      pane.scroll_offset() == 0 && !view.rows.empty() && view.last_glyphs <= last.size()) {
    // Only glyphs appended to the last line: wrap those onto the rows already known.
    Pane::wrap_onto(view.rows, std::span(last).subspan(view.last_glyphs), cols, true);
    if (view.rows.size() > static_cast<std::size_t>(height)) {
      view.rows.erase(view.rows.begin(), view.rows.end() - height);
    }
    view.cursor_row = static_cast<int>(view.rows.size()) - 1;
    view.cursor_col = view.rows.back().width;
  } else {
    view.rows = pane.visible_rows(cols, height, view.cursor_row, view.cursor_col);
  }
  view.cols = cols;
  view.height = height;
  view.revision = pane.revision();
  view.layout = pane.layout_revision();
  view.last_glyphs = last.size();
  return view;
}

const Frame& ScreenModel::frame() const {
  Frame& frame = frame_;
  if (frame.rows != rows_ || frame.cols != cols_ ||
      frame.lines.size() != static_cast<std::size_t>(rows_)) {
    frame = Frame{};
    frame.rows = rows_;
    frame.cols = cols_;
    frame.lines.resize(static_cast<std::size_t>(rows_));
    mine_view_.changed = true;
    peer_view_.changed = true;
  }
  const auto copy_rows = [&frame](PaneView& view, std::size_t top, std::size_t height) {
    if (!view.changed) return;
    view.changed = false;
    for (std::size_t i = 0; i < height && top + i < frame.lines.size(); ++i) {
      FrameRow& line = frame.lines[top + i];
      static const PaneRow kEmpty;
      const PaneRow& row = i < view.rows.size() ? view.rows[i] : kEmpty;
      if (line.width != row.width || line.separator || line.text != row.text) {
        line = {row.text, row.width, false};
      }
    }
  };
  PaneView& mine = view_of(mine_, mine_view_, cols_, my_height());
  copy_rows(mine, 0, static_cast<std::size_t>(my_height()));
  if (separator_row() < rows_) {
    std::string text;
    if (!status_.empty()) text = "[" + status_ + "]";
    if (!topic_.empty()) text += "[Topic: " + topic_ + "]";
    if (!notice_.empty()) text += "[" + notice_ + "]";
    if (!prompt_.empty()) text += "[" + prompt_ + "]";
    if (mine_.scroll_offset() > 0) text += "[upper scroll]";
    if (peer_.scroll_offset() > 0) text += "[lower scroll]";
    text += "\n" + std::to_string(cols_);  // the key: the text and the width it is cut to
    if (text != separator_key_ || separator_key_.empty()) {
      separator_ = fit_row(text.substr(0, text.rfind('\n')), cols_, true);
      separator_key_ = std::move(text);
    }
    FrameRow& line = frame.lines[static_cast<std::size_t>(separator_row())];
    if (line.width != separator_.width || !line.separator || line.text != separator_.text) {
      line = separator_;
    }
  }
  PaneView& peer = view_of(peer_, peer_view_, cols_, peer_height());
  copy_rows(peer, static_cast<std::size_t>(separator_row()) + 1,
            static_cast<std::size_t>(peer_height()));
  if (mine.cursor_row >= 0) {
    frame.cursor_row = mine.cursor_row;
    frame.cursor_col = std::min(mine.cursor_col, cols_ - 1);
  } else {
    frame.cursor_row = std::max(0, separator_row() - 1);
    frame.cursor_col = 0;
  }
  return frame;
}

}  // namespace talk::client
