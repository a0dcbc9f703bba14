// Conversation: typed keys to my pane, to local actions and to edits for the peer.
#include "talk/conversation.hpp"

#include "talk/user_edits.hpp"

namespace talk::client {

Conversation::Conversation(ScreenModel& model, bool utf8, const EditChars& mine)
    : model_(model), mine_(model.mine(), utf8, true), my_chars_(mine), utf8_(utf8) {
  mine_.set_edit_chars(mine);
}

bool Conversation::on_typed(std::span<const std::uint8_t> bytes, std::vector<UserEdit>& edits) {
  bool redraw = false;
  for (const KeyEvent& event : keys_.feed(bytes)) {
    if (!event.is_local) {
      const std::string_view text = topic_ ? type_topic(event.bytes, edits) : event.bytes;
      if (text.empty()) continue;
      model_.mine().scroll_to_end();
      mine_.feed({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
      split_user_edits(text, my_chars_, edits);
      continue;
    }
    if (event.key == LocalKey::Topic) {
      topic_.emplace(utf8_, my_chars_);
      model_.set_prompt("New topic: _");
      continue;
    }
    if (event.key == LocalKey::Redraw) redraw = true;
    apply(event.key);
  }
  return redraw;
}

std::string_view Conversation::type_topic(std::string_view typed, std::vector<UserEdit>& edits) {
  TopicEntry::Outcome outcome = TopicEntry::Outcome::Typing;
  const std::size_t used = topic_->feed(typed, outcome);
  if (outcome == TopicEntry::Outcome::Typing) {
    model_.set_prompt("New topic: " + topic_->shown() + "_");
  } else {
    if (outcome == TopicEntry::Outcome::Done) {
      edits.push_back({UserEdit::Kind::Topic, topic_->text(), {}});
      model_.set_topic(topic_->shown());
    }
    model_.set_prompt({});
    topic_.reset();
  }
  return typed.substr(used);
}

bool Conversation::on_key_after_close(std::span<const std::uint8_t> bytes) {
  bool leave = false;
  for (const KeyEvent& event : keys_.feed(bytes)) {
    if (event.is_local) {
      apply(event.key);
    } else {
      leave = true;
    }
  }
  return leave;
}

void Conversation::apply(LocalKey key) {
  switch (key) {
    case LocalKey::ScrollMineBack:
      model_.scroll_mine(1);
      break;
    case LocalKey::ScrollMineForward:
      model_.scroll_mine(-1);
      break;
    case LocalKey::ScrollPeerBack:
      model_.scroll_peer(1);
      break;
    case LocalKey::ScrollPeerForward:
      model_.scroll_peer(-1);
      break;
    case LocalKey::Redraw:
    case LocalKey::Topic:
      break;
  }
}

}  // namespace talk::client
