// The seam between the client and the terminal: draw a frame, beep, follow resizes.
#pragma once

#include "talk/screen_model.hpp"

namespace talk::client {

class Screen {
 public:
  virtual ~Screen() = default;
  /// Shows `frame` (only what changed needs to reach the terminal).
  virtual void draw(const Frame& frame) = 0;
  /// The next draw repaints everything (^L, or after the terminal was disturbed).
  virtual void invalidate() = 0;
  /// Gives the terminal back to the shell before the process stops (^Z); the next draw takes it
  /// again and repaints everything.
  virtual void suspend() = 0;
  virtual void beep() = 0;
  /// Re-reads the terminal size after SIGWINCH; returns the new size.
  virtual void update_size(int& rows, int& cols) = 0;
};

}  // namespace talk::client
