// KeyInput: netkit's keys (ESC p/n, ^P/^N, ^L), utalk's ^T and swallowing of terminal escape
// sequences.
#include "talk/key_input.hpp"

namespace talk::client {
namespace {

constexpr std::uint8_t kEsc = 0x1b;

// Enter arrives as CR (the terminal is raw); on the wire a line ends with LF, as every classic
// client sends it (netkit's curses nl() mode, BSD's CR-to-LF), and inetutils shows CR as ^M.
void add_text(std::vector<KeyEvent>& events, std::uint8_t byte) {
  if (events.empty() || events.back().is_local) events.push_back({});
  events.back().bytes.push_back(byte == '\r' ? '\n' : static_cast<char>(byte));
}

void add_key(std::vector<KeyEvent>& events, LocalKey key) {
  events.push_back({true, key, {}});
}

}  // namespace

std::vector<KeyEvent> KeyInput::feed(std::span<const std::uint8_t> typed) {
  std::vector<KeyEvent> events;
  for (const std::uint8_t byte : typed) {
    switch (state_) {
      case State::Normal:
        if (byte == kEsc) {
          state_ = State::AfterEsc;
        } else if (byte == 0x10) {
          add_key(events, LocalKey::ScrollPeerBack);
        } else if (byte == 0x0e) {
          add_key(events, LocalKey::ScrollPeerForward);
        } else if (byte == 0x0c) {
          add_key(events, LocalKey::Redraw);
        } else if (byte == 0x14) {
          add_key(events, LocalKey::Topic);
        } else {
          add_text(events, byte);
        }
        break;
      case State::AfterEsc:
        state_ = State::Normal;
        if (byte == 'p') {
          add_key(events, LocalKey::ScrollMineBack);
        } else if (byte == 'n') {
          add_key(events, LocalKey::ScrollMineForward);
        } else if (byte == '[') {
          state_ = State::InCsi;
          csi_params_.clear();
        } else if (byte == 'O') {
          state_ = State::InSs3;
        } else if (byte == kEsc) {
          state_ = State::AfterEsc;
        } else {
          add_text(events, byte);  // Meta-x: send the key without its ESC, as netkit does
        }
        break;
      case State::InCsi:
        if (byte >= 0x40 && byte <= 0x7e) {
          state_ = State::Normal;
          if (byte == '~' && csi_params_ == "5") add_key(events, LocalKey::ScrollPeerBack);
          if (byte == '~' && csi_params_ == "6") add_key(events, LocalKey::ScrollPeerForward);
        } else if (csi_params_.size() < 16) {
          csi_params_.push_back(static_cast<char>(byte));
        }
        break;
      case State::InSs3:
        state_ = State::Normal;
        break;
    }
  }
  return events;
}

}  // namespace talk::client
