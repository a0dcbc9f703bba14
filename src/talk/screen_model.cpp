// ScreenModel: layout of the two panes and the separator, and the frame to draw.
#include "talk/screen_model.hpp"

#include <algorithm>

#include "talk/text_feeder.hpp"

namespace talk::client {
namespace {

// Cuts `text` (printable ASCII plus bracket text from our own messages) to `cols` columns by
// glyph, reusing the pane's wrapping so multibyte status text is never split mid-character.
FrameRow fit(const std::string& text, int cols) {
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
  return out;
}

}  // namespace

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

Frame ScreenModel::frame() const {
  Frame frame;
  frame.rows = rows_;
  frame.cols = cols_;
  frame.lines.resize(static_cast<std::size_t>(rows_));
  int my_row = 0;
  int my_col = 0;
  const auto mine = mine_.visible_rows(cols_, my_height(), my_row, my_col);
  for (std::size_t i = 0; i < mine.size(); ++i) {
    frame.lines[i] = {mine[i].text, mine[i].width, false};
  }
  if (separator_row() < rows_) {
    std::string text;
    if (!status_.empty()) text = "[" + status_ + "]";
    if (!topic_.empty()) text += "[Topic: " + topic_ + "]";
    if (!notice_.empty()) text += "[" + notice_ + "]";
    if (mine_.scroll_offset() > 0) text += "[upper scroll]";
    if (peer_.scroll_offset() > 0) text += "[lower scroll]";
    FrameRow sep = fit(text, cols_);
    sep.separator = true;
    frame.lines[static_cast<std::size_t>(separator_row())] = std::move(sep);
  }
  int peer_row = 0;
  int peer_col = 0;
  const auto peer = peer_.visible_rows(cols_, peer_height(), peer_row, peer_col);
  const auto peer_top = static_cast<std::size_t>(separator_row()) + 1;
  for (std::size_t i = 0; i < peer.size(); ++i) {
    frame.lines[peer_top + i] = {peer[i].text, peer[i].width, false};
  }
  if (my_row >= 0) {
    frame.cursor_row = my_row;
    frame.cursor_col = std::min(my_col, cols_ - 1);
  } else {
    frame.cursor_row = std::max(0, separator_row() - 1);
    frame.cursor_col = 0;
  }
  return frame;
}

}  // namespace talk::client
