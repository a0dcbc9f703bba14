// What talk needs to know about its terminal and locale: is stdin a tty, its edit characters,
// its size, and whether the locale speaks UTF-8.
#pragma once

#include <array>
#include <cstdint>

namespace talk::platform {

bool is_terminal(int fd);

/// The terminal's erase, kill and word-erase characters (termios VERASE, VKILL, VWERASE);
/// a disabled or unreadable one falls back to DEL, ^U and ^W.
std::array<std::uint8_t, 3> terminal_edit_chars(int fd);

/// The window size (TIOCGWINSZ); false when unknown.
bool terminal_size(int fd, int& rows, int& cols);

/// True when LC_CTYPE's codeset is UTF-8 (call after setlocale).
bool locale_is_utf8();

/// The terminal attributes, to check that a program restored them (tests).
struct TerminalState {
  std::array<std::uint8_t, 64> bytes{};
  bool valid = false;
  friend bool operator==(const TerminalState&, const TerminalState&) = default;
};
TerminalState terminal_state(int fd);

}  // namespace talk::platform
