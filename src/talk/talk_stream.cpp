// TalkStream: edit-character exchange and the byte streams in both directions.
#include "talk/talk_stream.hpp"

namespace talk::client {

TalkStream::TalkStream(Pane& peer_pane, bool utf8, const EditChars& mine)
    : peer_(peer_pane, utf8, true) {
  const auto chars = mine.bytes();
  outbound_.assign(chars.begin(), chars.end());
}

void TalkStream::queue(const std::vector<UserEdit>& edits) {
  for (const UserEdit& edit : edits) outbound_ += edit.typed;
}

int TalkStream::on_received(std::span<const std::uint8_t> bytes) {
  while (peer_chars_got_ < 3 && !bytes.empty()) {
    peer_chars_[peer_chars_got_++] = bytes.front();
    bytes = bytes.subspan(1);
    if (peer_chars_got_ == 3)
      peer_.set_edit_chars({peer_chars_[0], peer_chars_[1], peer_chars_[2]});
  }
  return peer_.feed(bytes);
}

}  // namespace talk::client
