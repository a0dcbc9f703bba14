// Splits a ytalk 3.x data stream into text and out-of-band packets, and escapes outgoing text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "protocol/ytalk.hpp"

namespace talk::proto::ytalk {

/// One piece of a received stream: text (escapes removed) or one packet's payload.
struct StreamItem {
  enum class Kind : std::uint8_t { Text, Packet };
  Kind kind = Kind::Text;
  std::vector<std::uint8_t> bytes;

  bool operator==(const StreamItem&) const = default;
};

/// Incremental deframer for the stream from a 3.x peer, as ytalk reads it: FD followed by a
/// byte <= FC starts a packet of that many bytes; FD followed by FD, FE or FF stands for that
/// byte alone (so FD FD is a literal FD). Packets and escapes may be split across reads.
class OobDeframer {
 public:
  /// Appends what `chunk` completes to `out`; adjacent text is merged into one item.
  void feed(Bytes chunk, std::vector<StreamItem>& out);
  /// True while a marker or a packet is incomplete.
  bool pending() const { return state_ != State::Text; }

 private:
  enum class State : std::uint8_t { Text, Marker, Packet };
  void add_text(std::uint8_t byte, std::vector<StreamItem>& out);

  State state_ = State::Text;
  std::size_t wanted_ = 0;
  std::vector<std::uint8_t> packet_;
};

/// Text for a 3.x peer: every FD doubled so it is not read as a packet marker.
std::vector<std::uint8_t> escape_text(Bytes text);

}  // namespace talk::proto::ytalk
