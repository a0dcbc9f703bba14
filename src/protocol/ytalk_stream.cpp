// The ytalk out-of-band deframer and the escaping of outgoing text.
#include "protocol/ytalk_stream.hpp"

namespace talk::proto::ytalk {

void OobDeframer::add_text(std::uint8_t byte, std::vector<StreamItem>& out) {
  if (out.empty() || out.back().kind != StreamItem::Kind::Text) {
    out.push_back(StreamItem{StreamItem::Kind::Text, {}});
  }
  out.back().bytes.push_back(byte);
}

void OobDeframer::feed(Bytes chunk, std::vector<StreamItem>& out) {
  for (const std::uint8_t byte : chunk) {
    switch (state_) {
      case State::Text:
        if (byte == kOobMarker) {
          state_ = State::Marker;
        } else {
          add_text(byte, out);
        }
        break;
      case State::Marker:
        if (byte > kMaxPacket) {
          add_text(byte, out);
          state_ = State::Text;
        } else if (byte == 0) {
          out.push_back(StreamItem{StreamItem::Kind::Packet, {}});
          state_ = State::Text;
        } else {
          wanted_ = byte;
          packet_.clear();
          state_ = State::Packet;
        }
        break;
      case State::Packet:
        packet_.push_back(byte);
        if (packet_.size() == wanted_) {
          out.push_back(StreamItem{StreamItem::Kind::Packet, packet_});
          packet_.clear();
          state_ = State::Text;
        }
        break;
    }
  }
}

std::vector<std::uint8_t> escape_text(Bytes text) {
  std::vector<std::uint8_t> escaped;
  escaped.reserve(text.size());
  for (const std::uint8_t byte : text) {
    if (byte == kOobMarker) escaped.push_back(kOobMarker);
    escaped.push_back(byte);
  }
  return escaped;
}

}  // namespace talk::proto::ytalk
