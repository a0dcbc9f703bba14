// The terminal through ncursesw: draws frames of the split screen. The one class that knows
// about curses; constructing it enters curses mode and destroying it always restores the
// terminal.
#pragma once

#include <memory>
#include <string>

#include "talk/screen.hpp"

namespace talk::client {

class CursesScreen final : public Screen {
 public:
  /// Enters curses mode on stdin/stdout (`output_fd` is queried for the size); check ok().
  CursesScreen(int input_fd, int output_fd);
  ~CursesScreen() override;
  CursesScreen(const CursesScreen&) = delete;
  CursesScreen& operator=(const CursesScreen&) = delete;

  bool ok() const { return state_ != nullptr; }
  /// Leaves curses mode now (idempotent); the destructor does it too.
  void close();

  void draw(const Frame& frame) override;
  void invalidate() override;
  void suspend() override;
  void beep() override;
  void update_size(int& rows, int& cols) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
  int output_fd_;
};

}  // namespace talk::client
