// YtalkStream: the edit characters, the ytalk parameter block, then text and packets.
#include "talk/ytalk_stream.hpp"

#include <algorithm>
#include <variant>

namespace talk::client {
namespace yt = proto::ytalk;

std::string PeerProgram::describe() const {
  switch (kind) {
    case Kind::Unknown:
      return "unknown";
    case Kind::Classic:
      return "classic talk";
    case Kind::Ytalk:
      if (talk_ng) return "talk-ng";
      if (vmajor < 3) return "YTalk 2 (no conference support)";
      return "YTalk " + std::to_string(vmajor) + "." + std::to_string(vminor);
  }
  return "unknown";
}

yt::Parm our_parm(std::uint32_t pid, std::uint16_t rows, std::uint16_t cols,
                  std::uint16_t peer_rows, std::uint16_t peer_cols) {
  yt::Parm parm;
  parm.protocol = yt::kProtocolNew;
  parm.vmajor = 3;
  parm.vminor = 3;
  parm.rows = rows;
  parm.cols = cols;
  parm.my_rows = peer_rows;
  parm.my_cols = peer_cols;
  parm.pid = pid;
  std::copy(kTalkNgTag.begin(), kTalkNgTag.end(), parm.pad.begin());
  return parm;
}

YtalkStream::YtalkStream(Pane& peer_pane, bool utf8, const EditChars& mine, const yt::Parm& parm)
    : peer_(peer_pane, utf8, true), mine_(mine), parm_(parm) {
  outbound_.push_back(static_cast<char>(yt::kEraseMarker));
  outbound_.push_back(static_cast<char>(mine.kill));
  outbound_.push_back(static_cast<char>(mine.werase));
}

void YtalkStream::queue(const std::vector<UserEdit>& edits) {
  if (phase_ != Phase::Text) {
    held_.insert(held_.end(), edits.begin(), edits.end());
    return;
  }
  write_edits(edits);
}

void YtalkStream::queue_packet(const yt::OobMessage& message) {
  if (phase_ != Phase::Text || !oob_) return;
  const auto framed = yt::frame(message);
  outbound_.append(framed.begin(), framed.end());
}

void YtalkStream::write_edits(const std::vector<UserEdit>& edits) {
  for (const UserEdit& edit : edits) {
    switch (edit.kind) {
      case UserEdit::Kind::Text:
        write_text(edit.typed);
        break;
      case UserEdit::Kind::Erase:
        outbound_.push_back(static_cast<char>(yt::kEraseMarker));
        break;
      case UserEdit::Kind::WordErase:
        outbound_.push_back(static_cast<char>(mine_.werase));
        break;
      case UserEdit::Kind::Kill:
        outbound_.push_back(static_cast<char>(mine_.kill));
        break;
      case UserEdit::Kind::Newline:
        outbound_ += crlf_ ? "\r\n" : "\n";
        break;
      case UserEdit::Kind::Topic:
        break;
    }
  }
}

void YtalkStream::write_text(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<std::uint8_t>(c);
    if (byte == '\r' || byte == '\n') {
      outbound_ += crlf_ ? "\r\n" : "\n";
    } else if (byte == yt::kOobMarker && oob_) {
      outbound_ += "\xfd\xfd";
    } else {
      outbound_.push_back(c);
    }
  }
}

int YtalkStream::on_received(std::span<const std::uint8_t> bytes) {
  int bells = 0;
  while (phase_ == Phase::EditChars && !bytes.empty()) {
    peer_chars_[peer_chars_got_++] = bytes.front();
    bytes = bytes.subspan(1);
    if (peer_chars_got_ < 3) continue;
    peer_.set_edit_chars({peer_chars_[0], peer_chars_[1], peer_chars_[2]});
    if (yt::is_ytalk_erase(peer_chars_[0])) {
      phase_ = Phase::Parm;
      const auto block = yt::encode(parm_);
      outbound_.append(block.begin(), block.end());
    } else {
      program_.kind = PeerProgram::Kind::Classic;
      start_text();
    }
  }
  while (phase_ == Phase::Parm && !bytes.empty()) {
    const std::size_t take = std::min(bytes.size(), yt::kParmSize - parm_bytes_.size());
    const auto chunk = bytes.first(take);
    parm_bytes_.insert(parm_bytes_.end(), chunk.begin(), chunk.end());
    bytes = bytes.subspan(take);
    if (parm_bytes_.size() < yt::kParmSize) break;
    const auto decoded = yt::decode_parm(parm_bytes_);
    if (!decoded.ok()) {
      refused_ = true;
      return bells;
    }
    peer_parm_ = decoded.parm;
    program_.kind = PeerProgram::Kind::Ytalk;
    program_.vmajor = peer_parm_->protocol == yt::kProtocolOld ? 2 : peer_parm_->vmajor;
    program_.vminor = peer_parm_->protocol == yt::kProtocolOld ? 0 : peer_parm_->vminor;
    program_.talk_ng = std::equal(kTalkNgTag.begin(), kTalkNgTag.end(), peer_parm_->pad.begin());
    // ytalk before 3.0 mixes its packets into the text unescaped: such a peer stays a
    // two-party talker whose text alone is shown.
    oob_ = yt::speaks_oob(*peer_parm_);
    crlf_ = yt::wants_crlf(*peer_parm_);
    peer_rows_ = peer_parm_->rows;
    peer_cols_ = peer_parm_->cols;
    start_text();
  }
  if (phase_ == Phase::Text && !bytes.empty()) {
    if (!oob_) {
      feed_text(bytes, bells);
      return bells;
    }
    std::vector<yt::StreamItem> items;
    deframer_.feed(bytes, items);
    for (const auto& item : items) {
      if (item.kind == yt::StreamItem::Kind::Text) {
        feed_text(item.bytes, bells);
      } else {
        handle_packet(item.bytes);
      }
    }
  }
  return bells;
}

void YtalkStream::start_text() {
  phase_ = Phase::Text;
  auto held = std::move(held_);
  held_.clear();
  write_edits(held);
}

// CR LF is one newline; a CR alone (column 0 in ytalk) also starts a new line here.
void YtalkStream::feed_text(std::span<const std::uint8_t> bytes, int& bells) {
  std::vector<std::uint8_t> text;
  text.reserve(bytes.size() + 1);
  for (const std::uint8_t byte : bytes) {
    if (pending_cr_) {
      pending_cr_ = false;
      if (byte == '\n') {
        text.push_back('\n');
        continue;
      }
      text.push_back('\n');
    }
    if (byte == '\r') {
      pending_cr_ = true;
      continue;
    }
    text.push_back(byte);
  }
  bells += peer_.feed(text);
}

void YtalkStream::handle_packet(const std::vector<std::uint8_t>& payload) {
  const auto decoded = yt::decode_oob(payload);
  if (!decoded.ok()) return;  // ytalk ignores what it cannot use; so do we
  if (const auto* pack = std::get_if<yt::Pack>(&*decoded.message)) {
    packs_.push_back(*pack);
  } else if (const auto* winch = std::get_if<yt::Winch>(&*decoded.message)) {
    if (winch->code == yt::Code::MyWindow) {
      peer_rows_ = winch->rows;
      peer_cols_ = winch->cols;
    }
  }
  // LOCKF/UNLOCKF and REGION concern a shell ytalk runs; its output arrives as text anyway.
}

std::vector<yt::Pack> YtalkStream::take_packs() {
  auto packs = std::move(packs_);
  packs_.clear();
  return packs;
}

}  // namespace talk::client
