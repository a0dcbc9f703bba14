// The connected part of talk as a pure model: the three edit characters sent and read first,
// then typed bytes to the peer and to my pane, and the peer's bytes to the peer's pane.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "talk/edit_chars.hpp"
#include "talk/key_input.hpp"
#include "talk/screen_model.hpp"
#include "talk/text_feeder.hpp"

namespace talk::client {

class Conversation {
 public:
  Conversation(ScreenModel& model, bool utf8, const EditChars& mine);

  /// Bytes waiting to be written to the peer (the edit characters come first).
  std::string& outbound() { return outbound_; }

  /// What the user typed: local keys act on the screen, the rest is shown and queued.
  /// Returns true when ^L asked for a full repaint.
  bool on_typed(std::span<const std::uint8_t> bytes);

  /// What the peer sent. Returns the number of BELs to ring.
  int on_received(std::span<const std::uint8_t> bytes);

  /// A key after the peer hung up: scroll keys still scroll; returns true for any other key
  /// (time to leave).
  bool on_key_after_close(std::span<const std::uint8_t> bytes);

  bool peer_edit_chars_known() const { return peer_chars_got_ == 3; }
  const EditChars& peer_edit_chars() const { return peer_.edit_chars(); }

 private:
  void apply(LocalKey key);

  ScreenModel& model_;
  KeyInput keys_;
  TextFeeder mine_;
  TextFeeder peer_;
  std::string outbound_;
  std::uint8_t peer_chars_[3] = {0, 0, 0};
  int peer_chars_got_ = 0;
};

}  // namespace talk::client
