// Terminal queries over termios, ioctl and langinfo.
#include "platform/terminal_mode.hpp"

#include <langinfo.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace talk::platform {

bool is_terminal(int fd) {
  return ::isatty(fd) == 1;
}

std::array<std::uint8_t, 3> terminal_edit_chars(int fd) {
  std::array<std::uint8_t, 3> chars{0x7f, 0x15, 0x17};
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) return chars;
  const cc_t from_tty[3] = {tio.c_cc[VERASE], tio.c_cc[VKILL], tio.c_cc[VWERASE]};
  for (std::size_t i = 0; i < 3; ++i) {
    if (from_tty[i] != _POSIX_VDISABLE && from_tty[i] != 0xff) chars[i] = from_tty[i];
  }
  return chars;
}

bool terminal_size(int fd, int& rows, int& cols) {
  winsize ws{};
  if (::ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return false;
  rows = ws.ws_row;
  cols = ws.ws_col;
  return true;
}

bool locale_is_utf8() {
  const std::string_view codeset = ::nl_langinfo(CODESET);
  return codeset == "UTF-8" || codeset == "utf8";
}

TerminalState terminal_state(int fd) {
  TerminalState state;
  termios tio{};
  if (::tcgetattr(fd, &tio) != 0) return state;
  // Compare the flags and control characters, not the speed fields the kernel may report
  // differently.
  std::memcpy(state.bytes.data(), &tio.c_iflag, sizeof tio.c_iflag);
  std::memcpy(state.bytes.data() + 4, &tio.c_oflag, sizeof tio.c_oflag);
  std::memcpy(state.bytes.data() + 8, &tio.c_cflag, sizeof tio.c_cflag);
  std::memcpy(state.bytes.data() + 12, &tio.c_lflag, sizeof tio.c_lflag);
  std::memcpy(state.bytes.data() + 16, tio.c_cc, std::min<std::size_t>(sizeof tio.c_cc, 32));
  state.valid = true;
  return state;
}

}  // namespace talk::platform
