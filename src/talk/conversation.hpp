// The keyboard side of a conversation as a pure model, whatever the transport: local keys act on
// the screen, typed text is shown in my pane and handed out as transport-neutral edits.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "talk/edit_chars.hpp"
#include "talk/key_input.hpp"
#include "talk/peer_link.hpp"
#include "talk/screen_model.hpp"
#include "talk/text_feeder.hpp"

namespace talk::client {

class Conversation {
 public:
  Conversation(ScreenModel& model, bool utf8, const EditChars& mine);

  /// What the user typed: local keys act on the screen, the rest is shown in my pane and
  /// appended to `edits` for the peer. Returns true when ^L asked for a full repaint.
  bool on_typed(std::span<const std::uint8_t> bytes, std::vector<UserEdit>& edits);

  /// A key after the peer hung up: scroll keys still scroll; returns true for any other key
  /// (time to leave).
  bool on_key_after_close(std::span<const std::uint8_t> bytes);

 private:
  void apply(LocalKey key);

  ScreenModel& model_;
  KeyInput keys_;
  TextFeeder mine_;
  EditChars my_chars_;
};

}  // namespace talk::client
