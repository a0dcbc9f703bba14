// The keyboard side of a conversation as a pure model, whatever the transport: local keys act on
// the screen, typed text is shown in my pane and handed out as transport-neutral edits.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "talk/edit_chars.hpp"
#include "talk/key_input.hpp"
#include "talk/peer_link.hpp"
#include "talk/screen_model.hpp"
#include "talk/text_feeder.hpp"
#include "talk/topic_entry.hpp"

namespace talk::client {

class Conversation {
 public:
  Conversation(ScreenModel& model, bool utf8, const EditChars& mine);

  /// What the user typed: local keys act on the screen, the rest is shown in my pane and
  /// appended to `edits` for the peer. After ^T the typed text is a new topic instead, shown on
  /// the status line until Enter sends it (a Topic edit) or ^G drops it. Returns true when ^L
  /// asked for a full repaint.
  bool on_typed(std::span<const std::uint8_t> bytes, std::vector<UserEdit>& edits);

  /// A key after the peer hung up: scroll keys still scroll; returns true for any other key
  /// (time to leave).
  bool on_key_after_close(std::span<const std::uint8_t> bytes);

 private:
  void apply(LocalKey key);
  /// Feeds the topic being typed; returns the bytes it did not use.
  std::string_view type_topic(std::string_view typed, std::vector<UserEdit>& edits);

  ScreenModel& model_;
  KeyInput keys_;
  TextFeeder mine_;
  EditChars my_chars_;
  bool utf8_;
  std::optional<TopicEntry> topic_;  // while the user types a topic (after ^T)
};

}  // namespace talk::client
