// CursesScreen: the only file that includes curses.
#include "talk/curses_screen.hpp"

#include <curses.h>

#include <cstdio>
#include <cwchar>
#include <string>

#include "platform/terminal_mode.hpp"

namespace talk::client {
namespace {

std::wstring to_wide(const std::string& text) {
  std::wstring out;
  std::mbstate_t state{};
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    wchar_t wc = 0;
    const std::size_t n = std::mbrtowc(&wc, p, static_cast<std::size_t>(end - p), &state);
    if (n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2)) {
      out.push_back(L'?');  // the model only hands us valid text; be safe anyway
      state = {};
      ++p;
      continue;
    }
    out.push_back(wc);
    p += n == 0 ? 1 : n;
  }
  return out;
}

}  // namespace

struct CursesScreen::State {
  SCREEN* screen = nullptr;
  bool clear_next = true;
};

CursesScreen::CursesScreen(int input_fd, int output_fd) : output_fd_(output_fd) {
  auto state = std::make_unique<State>();
  (void)input_fd;  // curses reads its input settings from stdin's terminal
  state->screen = newterm(nullptr, stdout, stdin);
  if (state->screen == nullptr) return;
  set_term(state->screen);
  cbreak();
  noecho();
  intrflush(stdscr, FALSE);
  leaveok(stdscr, FALSE);
  scrollok(stdscr, FALSE);
  idlok(stdscr, FALSE);
  state_ = std::move(state);
}

CursesScreen::~CursesScreen() {
  close();
}

void CursesScreen::close() {
  if (!state_) return;
  endwin();
  delscreen(state_->screen);
  state_.reset();
}

void CursesScreen::draw(const Frame& frame) {
  if (!state_) return;
  if (state_->clear_next) {
    clearok(curscr, TRUE);
    state_->clear_next = false;
  }
  for (int row = 0; row < frame.rows && row < LINES; ++row) {
    const FrameRow& line = frame.lines[static_cast<std::size_t>(row)];
    move(row, 0);
    clrtoeol();
    if (line.separator) mvhline(row, 0, ACS_HLINE, COLS);
    if (!line.text.empty()) {
      const std::wstring wide = to_wide(line.text);
      mvaddnwstr(row, 0, wide.c_str(), static_cast<int>(wide.size()));
    }
  }
  move(frame.cursor_row, frame.cursor_col);
  refresh();
}

void CursesScreen::invalidate() {
  if (state_) state_->clear_next = true;
}

void CursesScreen::beep() {
  if (state_) ::beep();
}

void CursesScreen::update_size(int& rows, int& cols) {
  if (!state_) return;
  int r = 0;
  int c = 0;
  if (platform::terminal_size(output_fd_, r, c)) {
    resizeterm(r, c);
  }
  rows = LINES;
  cols = COLS;
}

}  // namespace talk::client
