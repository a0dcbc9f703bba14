// Conversation: typed keys to my pane, to local actions and to edits for the peer.
#include "talk/conversation.hpp"

#include "talk/user_edits.hpp"

namespace talk::client {

Conversation::Conversation(ScreenModel& model, bool utf8, const EditChars& mine)
    : model_(model), mine_(model.mine(), utf8, true), my_chars_(mine) {
  mine_.set_edit_chars(mine);
}

bool Conversation::on_typed(std::span<const std::uint8_t> bytes, std::vector<UserEdit>& edits) {
  bool redraw = false;
  for (const KeyEvent& event : keys_.feed(bytes)) {
    if (!event.is_local) {
      model_.mine().scroll_to_end();
      mine_.feed({reinterpret_cast<const std::uint8_t*>(event.bytes.data()), event.bytes.size()});
      split_user_edits(event.bytes, my_chars_, edits);
      continue;
    }
    if (event.key == LocalKey::Redraw) redraw = true;
    apply(event.key);
  }
  return redraw;
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
      break;
  }
}

}  // namespace talk::client
