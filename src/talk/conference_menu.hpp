// The conference menu as a pure model: ESC m opens it (ESC p / ESC n stay talk's scroll keys,
// so ytalk's bare ESC is not taken); then a adds a person (a name typed on the status line),
// h hangs up on one member (picked by number), r rings again those who have not answered,
// l lists who is in the conversation and with which program; ESC or q closes it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace talk::client {

struct MenuCommand {
  enum class Kind : std::uint8_t { Add, HangUp, Rering, List };
  Kind kind = Kind::List;
  std::string person;  // Add
  int number = 0;      // HangUp: 1-based, in the order of the hang-up list
};

class ConferenceMenu {
 public:
  /// Takes what the menu consumes out of `typed`; returns the bytes for the conversation (the
  /// menu key removed) and appends chosen commands to `commands`.
  std::string filter(std::span<const std::uint8_t> typed, std::vector<MenuCommand>& commands);

  bool open() const { return state_ != State::Closed; }
  /// The status-line text while the menu is open (the prompt and what was typed so far).
  std::string prompt() const;
  /// The members the hang-up choice numbers, set by the session before showing it.
  void set_choices(std::vector<std::string> choices) { choices_ = std::move(choices); }

 private:
  enum class State : std::uint8_t { Closed, Main, AddName, HangUpPick };
  void on_menu_byte(std::uint8_t byte, std::vector<MenuCommand>& commands);

  State state_ = State::Closed;
  bool after_esc_ = false;  // an ESC ended the last read: is the next byte m?
  std::string name_;
  std::vector<std::string> choices_;
};

}  // namespace talk::client
