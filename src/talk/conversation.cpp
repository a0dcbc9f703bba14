// Conversation: edit-character exchange and the byte streams in both directions.
#include "talk/conversation.hpp"

namespace talk::client {

Conversation::Conversation(ScreenModel& model, bool utf8, const EditChars& mine)
    : model_(model), mine_(model.mine(), utf8, true), peer_(model.peer(), utf8, true) {
  mine_.set_edit_chars(mine);
  const auto chars = mine.bytes();
  outbound_.assign(chars.begin(), chars.end());
}

bool Conversation::on_typed(std::span<const std::uint8_t> bytes) {
  bool redraw = false;
  for (const KeyEvent& event : keys_.feed(bytes)) {
    if (!event.is_local) {
      model_.mine().scroll_to_end();
      mine_.feed({reinterpret_cast<const std::uint8_t*>(event.bytes.data()), event.bytes.size()});
      outbound_ += event.bytes;
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

int Conversation::on_received(std::span<const std::uint8_t> bytes) {
  while (peer_chars_got_ < 3 && !bytes.empty()) {
    peer_chars_[peer_chars_got_++] = bytes.front();
    bytes = bytes.subspan(1);
    if (peer_chars_got_ == 3)
      peer_.set_edit_chars({peer_chars_[0], peer_chars_[1], peer_chars_[2]});
  }
  return peer_.feed(bytes);
}

}  // namespace talk::client
