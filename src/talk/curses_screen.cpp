// CursesScreen: the only file that includes curses.
#include "talk/curses_screen.hpp"

#include <curses.h>

#include <cstdio>
#include <cwchar>
#include <string>
#include <string_view>
#include <vector>

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

// `after` is `before` with printable ASCII appended (each one column wide), on a text row.
bool appended_ascii(const FrameRow& before, const FrameRow& after) {
  if (before.separator || after.separator || before.width < 0) return false;
  const std::size_t old_size = before.text.size();
  if (after.text.size() <= old_size ||
      after.width != before.width + static_cast<int>(after.text.size() - old_size) ||
      after.text.compare(0, old_size, before.text) != 0) {
    return false;
  }
  for (std::size_t i = old_size; i < after.text.size(); ++i) {
    if (after.text[i] < 0x20 || after.text[i] > 0x7e) return false;
  }
  return true;
}

}  // namespace

struct CursesScreen::State {
  SCREEN* screen = nullptr;
  bool clear_next = true;
  std::vector<FrameRow> shown;  // what the rows hold now; unchanged rows are not touched
  int cols = 0;
};

CursesScreen::CursesScreen(int input_fd, int output_fd) : output_fd_(output_fd) {
  auto state = std::make_unique<State>();
  (void)input_fd;  // curses reads its input settings from stdin's terminal
  state->screen = newterm(nullptr, stdout, stdin);
  if (state->screen == nullptr) return;
  set_term(state->screen);
  // Until the first endwin(), ncurses flushes its output buffer at every cursor motion inside
  // doupdate(), so a peer's keystroke drawn away from our cursor costs three writes to the
  // terminal instead of one. Leaving and re-entering (the first refresh resumes) ends that mode.
  endwin();
  cbreak();
  noecho();
  intrflush(stdscr, FALSE);
  leaveok(stdscr, FALSE);
  scrollok(stdscr, FALSE);
  idlok(stdscr, FALSE);
  typeahead(-1);  // no poll of the keyboard in every refresh: the session reads it
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
  auto& shown = state_->shown;
  if (state_->clear_next || state_->cols != COLS || shown.size() != frame.lines.size()) {
    if (state_->clear_next) clearok(curscr, TRUE);
    state_->clear_next = false;
    state_->cols = COLS;
    shown.assign(frame.lines.size(), FrameRow{});
    for (auto& row : shown) row.width = -1;  // matches no real row: all are drawn
  }
  for (int row = 0; row < frame.rows && row < LINES; ++row) {
    const auto index = static_cast<std::size_t>(row);
    const FrameRow& line = frame.lines[index];
    if (shown[index].width == line.width && shown[index].separator == line.separator &&
        shown[index].text == line.text) {
      continue;
    }
    if (appended_ascii(shown[index], line)) {
      // The common keystroke: printable ASCII added at the end of a row; curses gets the new
      // cells alone instead of the whole row to compare again.
      const std::string_view added = std::string_view(line.text).substr(shown[index].text.size());
      mvaddnstr(row, shown[index].width, added.data(), static_cast<int>(added.size()));
      shown[index] = line;
      continue;
    }
    shown[index] = line;
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

void CursesScreen::suspend() {
  if (!state_) return;
  endwin();  // the shell's terminal modes and screen; the next refresh resumes curses mode
  state_->clear_next = true;
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
