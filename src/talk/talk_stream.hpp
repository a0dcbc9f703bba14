// talk's conversation stream as a pure model: the three edit characters sent and read first,
// then the user's keystrokes out as typed and the peer's bytes into the peer's pane.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "talk/edit_chars.hpp"
#include "talk/pane.hpp"
#include "talk/peer_link.hpp"
#include "talk/text_feeder.hpp"

namespace talk::client {

class TalkStream {
 public:
  /// `peer_pane` shows what the peer sends; `mine` are the edit characters we send first.
  TalkStream(Pane& peer_pane, bool utf8, const EditChars& mine);

  /// Bytes waiting to be written to the peer (the edit characters come first).
  std::string& outbound() { return outbound_; }
  bool has_outbound() const { return !outbound_.empty(); }

  /// Queues the user's edits: on talk's wire they are the keystrokes as typed.
  void queue(const std::vector<UserEdit>& edits);

  /// What the peer sent. Returns the number of BELs to ring.
  int on_received(std::span<const std::uint8_t> bytes);

  bool peer_edit_chars_known() const { return peer_chars_got_ == 3; }
  const EditChars& peer_edit_chars() const { return peer_.edit_chars(); }

 private:
  TextFeeder peer_;
  std::string outbound_;
  std::uint8_t peer_chars_[3] = {0, 0, 0};
  int peer_chars_got_ = 0;
};

}  // namespace talk::client
