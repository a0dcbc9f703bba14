// ConferenceLayout: slots of equal height for the windows, the rest to the last one.
#include "talk/conference_layout.hpp"

#include <algorithm>

namespace talk::client {
int ConferenceLayout::fitting(int windows, int rows) {
  const int usable = std::max(0, rows - 1);  // the status row
  return std::min(windows, usable / kMinWindowRows);
}

Frame ConferenceLayout::frame(const std::vector<LayoutWindow>& windows, const std::string& status,
                              int rows, int cols) const {
  Frame frame;
  frame.rows = std::max(rows, 1);
  frame.cols = std::max(cols, 1);
  frame.lines.resize(static_cast<std::size_t>(frame.rows));
  const int shown = fitting(static_cast<int>(windows.size()), frame.rows);
  std::string bottom;
  if (shown < static_cast<int>(windows.size())) {
    const auto hidden = static_cast<int>(windows.size()) - shown;
    bottom = "[" + std::to_string(hidden) + (hidden == 1 ? " window does" : " windows do") +
             " not fit: make the terminal taller]";
  }
  if (!status.empty()) bottom += "[" + status + "]";
  frame.lines.back() = fit_row(bottom, frame.cols);
  if (shown == 0) return frame;
  const int usable = frame.rows - 1;
  const int slot = usable / shown;
  for (int w = 0; w < shown; ++w) {
    const LayoutWindow& window = windows[static_cast<std::size_t>(w)];
    const int top = w * slot;
    const int height = w + 1 == shown ? usable - top : slot;
    frame.lines[static_cast<std::size_t>(top)] =
        fit_row("= " + window.title + " =", frame.cols, true);
    int cursor_row = -1;
    int cursor_col = 0;
    const auto text = window.pane->visible_rows(frame.cols, height - 1, cursor_row, cursor_col);
    for (std::size_t i = 0; i < text.size(); ++i) {
      frame.lines[static_cast<std::size_t>(top + 1) + i] = {text[i].text, text[i].width, false};
    }
    if (w == 0) {
      frame.cursor_row = top + 1 + std::max(cursor_row, 0);
      frame.cursor_col = std::min(cursor_col, frame.cols - 1);
    }
  }
  return frame;
}

}  // namespace talk::client
