// ConferenceMenu: the menu key, the menu's letters, the name prompt and the hang-up choice.
#include "talk/conference_menu.hpp"

namespace talk::client {
namespace {

constexpr std::uint8_t kEsc = 0x1b;

}  // namespace

std::string ConferenceMenu::filter(std::span<const std::uint8_t> typed,
                                   std::vector<MenuCommand>& commands) {
  std::string through;
  for (const std::uint8_t byte : typed) {
    if (state_ != State::Closed) {
      on_menu_byte(byte, commands);
      continue;
    }
    if (after_esc_) {
      after_esc_ = false;
      if (byte == 'm' || byte == 'M') {
        state_ = State::Main;
        continue;
      }
      through.push_back(static_cast<char>(kEsc));
      through.push_back(static_cast<char>(byte));
      continue;
    }
    if (byte == kEsc) {
      after_esc_ = true;
      continue;
    }
    through.push_back(static_cast<char>(byte));
  }
  // An ESC at the very end waits for the next read, unless it is the start of a longer
  // sequence the conversation must see whole: that cannot be known yet, so it waits.
  return through;
}

void ConferenceMenu::on_menu_byte(std::uint8_t byte, std::vector<MenuCommand>& commands) {
  switch (state_) {
    case State::Closed:
      return;
    case State::Main:
      if (byte == 'a' || byte == 'A') {
        state_ = State::AddName;
        name_.clear();
      } else if (byte == 'h' || byte == 'H' || byte == 'd' || byte == 'D') {
        state_ = choices_.empty() ? State::Closed : State::HangUpPick;
      } else if (byte == 'r' || byte == 'R') {
        commands.push_back({MenuCommand::Kind::Rering, {}, 0});
        state_ = State::Closed;
      } else if (byte == 'l' || byte == 'L' || byte == 'u' || byte == 'U') {
        commands.push_back({MenuCommand::Kind::List, {}, 0});
        state_ = State::Closed;
      } else if (byte == kEsc || byte == 'q' || byte == 'Q' || byte == '\r' || byte == '\n') {
        state_ = State::Closed;
      }
      return;
    case State::AddName:
      if (byte == '\r' || byte == '\n') {
        if (!name_.empty()) commands.push_back({MenuCommand::Kind::Add, name_, 0});
        state_ = State::Closed;
      } else if (byte == kEsc || byte == 0x03 || byte == 0x07) {
        state_ = State::Closed;
      } else if (byte == 0x7f || byte == 0x08) {
        if (!name_.empty()) name_.pop_back();
      } else if (byte == 0x15) {
        name_.clear();
      } else if (byte > 0x20 && byte < 0x7f && name_.size() < 100) {
        name_.push_back(static_cast<char>(byte));  // user@host: printable ASCII only
      }
      return;
    case State::HangUpPick:
      if (byte >= '1' && byte <= '9' && static_cast<std::size_t>(byte - '0') <= choices_.size()) {
        commands.push_back({MenuCommand::Kind::HangUp, {}, byte - '0'});
      }
      state_ = State::Closed;
      return;
  }
}

std::string ConferenceMenu::prompt() const {
  switch (state_) {
    case State::Closed:
      return {};
    case State::Main:
      return "Menu: a add someone, h hang up on someone, r ring again, l list, q close";
    case State::AddName:
      return "Add whom (user or user@host)? " + name_;
    case State::HangUpPick: {
      std::string text = "Hang up on:";
      for (std::size_t i = 0; i < choices_.size() && i < 9; ++i) {
        text += " " + std::to_string(i + 1) + ") " + choices_[i];
      }
      return text;
    }
  }
  return {};
}

}  // namespace talk::client
