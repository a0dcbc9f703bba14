// The screen of a multi-party conversation as a pure layout: full-width windows stacked top to
// bottom, mine first, each under a title row naming the person, and a status row at the bottom.
// A window needs at least three rows (title and two of text); when the people do not all fit,
// the first ones that do are shown and the status row says how many do not.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "talk/pane.hpp"
#include "talk/screen_model.hpp"

namespace talk::client {

/// One window: its title ("alice@host") and the pane it shows.
struct LayoutWindow {
  std::string title;
  const Pane* pane = nullptr;
};

class ConferenceLayout {
 public:
  static constexpr int kMinWindowRows = 3;

  /// The frame for `windows` (mine first) on a rows x cols terminal. The cursor goes to the end
  /// of the first window's text.
  Frame frame(const std::vector<LayoutWindow>& windows, const std::string& status, int rows,
              int cols) const;
  /// How many windows fit on `rows` rows.
  static int fitting(int windows, int rows);
};

}  // namespace talk::client
