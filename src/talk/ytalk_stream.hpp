// A talk stream that also speaks ytalk 3.x, as a pure model: we send 0xFE as our erase
// character; a peer that does the same is a ytalk (or a talk-ng in a conference), and both then
// trade the 64-byte parameter block before any text, after which out-of-band packets are
// deframed from the peer's text and our text is escaped. Any other peer is plain talk.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "protocol/ytalk.hpp"
#include "protocol/ytalk_stream.hpp"
#include "talk/edit_chars.hpp"
#include "talk/pane.hpp"
#include "talk/peer_link.hpp"
#include "talk/text_feeder.hpp"

namespace talk::client {

/// Which program the peer runs, as far as the stream tells.
struct PeerProgram {
  enum class Kind : std::uint8_t {
    Unknown,  // the edit characters have not arrived yet
    Classic,  // any talk that does not send 0xFE (netkit, BSD, inetutils, utalk)
    Ytalk,    // sent 0xFE and a parameter block (ytalk, or talk-ng in a conference)
  };
  Kind kind = Kind::Unknown;
  std::uint16_t vmajor = 0;
  std::uint16_t vminor = 0;
  bool talk_ng = false;  // the block carries talk-ng's tag

  /// "talk-ng", "YTalk 3.3", "classic talk" or "unknown".
  std::string describe() const;
};

class YtalkStream {
 public:
  /// `mine`: our kill and word-erase characters (the erase character sent is always 0xFE);
  /// `parm`: the block we send to a ytalk peer (sizes and pid filled in by the caller).
  YtalkStream(Pane& peer_pane, bool utf8, const EditChars& mine, const proto::ytalk::Parm& parm);

  std::string& outbound() { return outbound_; }
  bool has_outbound() const { return !outbound_.empty(); }

  /// The user's edits: held until the peer's kind is known, then written in its form.
  void queue(const std::vector<UserEdit>& edits);
  /// An out-of-band message for a ytalk peer (dropped for classic peers).
  void queue_packet(const proto::ytalk::OobMessage& message);

  /// What the peer sent. Returns the number of BELs to ring.
  int on_received(std::span<const std::uint8_t> bytes);

  /// The peer's Import/Export/Accept packets since the last call, in order.
  std::vector<proto::ytalk::Pack> take_packs();

  const PeerProgram& program() const { return program_; }
  /// The peer's parameter block (ytalk peers, after the handshake).
  const std::optional<proto::ytalk::Parm>& peer_parm() const { return peer_parm_; }
  /// Set when the peer's block named a protocol ytalk itself refuses: the link must close.
  bool refused() const { return refused_; }
  /// The peer's last MYWIN (its own window size), zero until one arrives.
  std::uint16_t peer_rows() const { return peer_rows_; }
  std::uint16_t peer_cols() const { return peer_cols_; }

 private:
  enum class Phase : std::uint8_t { EditChars, Parm, Text };
  void start_text();
  void feed_text(std::span<const std::uint8_t> bytes, int& bells);
  void handle_packet(const std::vector<std::uint8_t>& payload);
  void write_edits(const std::vector<UserEdit>& edits);
  void write_text(std::string_view text);

  TextFeeder peer_;
  EditChars mine_;
  proto::ytalk::Parm parm_;
  std::string outbound_;
  Phase phase_ = Phase::EditChars;
  std::uint8_t peer_chars_[3] = {0, 0, 0};
  int peer_chars_got_ = 0;
  std::vector<std::uint8_t> parm_bytes_;
  std::optional<proto::ytalk::Parm> peer_parm_;
  PeerProgram program_;
  bool oob_ = false;   // the peer frames out-of-band packets (3.x)
  bool crlf_ = false;  // the peer wants CR LF for a newline (3.2 and later)
  bool pending_cr_ = false;
  bool refused_ = false;
  proto::ytalk::OobDeframer deframer_;
  std::vector<UserEdit> held_;
  std::vector<proto::ytalk::Pack> packs_;
  std::uint16_t peer_rows_ = 0;
  std::uint16_t peer_cols_ = 0;
};

/// The tag talk-ng writes at the start of the parameter block's zero padding (ytalk ignores it).
inline constexpr std::string_view kTalkNgTag = "talk-ng";

/// Our parameter block: protocol 27, version 3.3 (so ytalk sends and expects CR LF), our pid,
/// our window and the window we show the peer in, and talk-ng's tag in the padding.
proto::ytalk::Parm our_parm(std::uint32_t pid, std::uint16_t rows, std::uint16_t cols,
                            std::uint16_t peer_rows, std::uint16_t peer_cols);

}  // namespace talk::client
