// Interprets what the user types: local keys (scrolling, redraw, topic) are acted on here and never
// sent; escape sequences from function keys are swallowed; everything else is sent as typed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace talk::client {

enum class LocalKey : std::uint8_t {
  ScrollMineBack,     // ESC p
  ScrollMineForward,  // ESC n
  ScrollPeerBack,     // ^P, Page Up
  ScrollPeerForward,  // ^N, Page Down
  Redraw,             // ^L
  Topic,              // ^T: type a new topic for the conversation (as in utalk)
};

/// One step of typed input, in order: either bytes for the peer (and my own pane), or a key.
struct KeyEvent {
  bool is_local = false;
  LocalKey key = LocalKey::Redraw;
  std::string bytes;
};

class KeyInput {
 public:
  /// Splits typed bytes into events. Consecutive text bytes are merged into one event, so one
  /// read of the keyboard becomes one write to the peer.
  std::vector<KeyEvent> feed(std::span<const std::uint8_t> typed);

 private:
  enum class State : std::uint8_t { Normal, AfterEsc, InCsi, InSs3 };
  State state_ = State::Normal;
  std::string csi_params_;
};

}  // namespace talk::client
