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

const ScreenModel::PaneView& ScreenModel::view_of(const Pane& pane, PaneView& view, int cols,
                                                  int height) {
  if (view.cols == cols && view.height == height && view.revision == pane.revision()) return view;
  view.rows = pane.visible_rows(cols, height, view.cursor_row, view.cursor_col);
  view.cols = cols;
  view.height = height;
  view.revision = pane.revision();
  return view;
}

Frame ScreenModel::frame() const {
  Frame frame;
  frame.rows = rows_;
  frame.cols = cols_;
  frame.lines.resize(static_cast<std::size_t>(rows_));
  const PaneView& mine = view_of(mine_, mine_view_, cols_, my_height());
  for (std::size_t i = 0; i < mine.rows.size(); ++i) {
    frame.lines[i] = {mine.rows[i].text, mine.rows[i].width, false};
  }
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
      separator_ = fit(text.substr(0, text.rfind('\n')), cols_);
      separator_.separator = true;
      separator_key_ = std::move(text);
    }
    frame.lines[static_cast<std::size_t>(separator_row())] = separator_;
  }
  const PaneView& peer = view_of(peer_, peer_view_, cols_, peer_height());
  const auto peer_top = static_cast<std::size_t>(separator_row()) + 1;
  for (std::size_t i = 0; i < peer.rows.size(); ++i) {
    frame.lines[peer_top + i] = {peer.rows[i].text, peer.rows[i].width, false};
  }
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
