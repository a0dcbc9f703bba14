// utalk's UTALK_DATA and UTALK_TOPIC chunks.
#include "protocol/utalk_data.hpp"

#include "wire_bytes.hpp"

namespace talk::proto::utalk {
namespace {

void add_text(std::vector<DataOp>& ops, std::uint8_t byte) {
  if (ops.empty() || ops.back().kind != DataOp::Kind::Text) ops.push_back({});
  ops.back().text.push_back(static_cast<char>(byte));
}

}  // namespace

std::optional<UtalkData> decode_data(const srdp::Chunk& chunk) {
  const auto& body = chunk.body;
  if (body.size() < 4) return std::nullopt;
  UtalkData data;
  data.line = wire::get_u16(body, 0);
  data.column = wire::get_u16(body, 2);
  std::size_t at = 4;
  while (at < body.size()) {
    const std::uint8_t byte = body[at];
    if (byte != kEscape) {
      add_text(data.ops, byte);
      ++at;
      continue;
    }
    if (at + 1 >= body.size()) break;
    const std::uint8_t code = body[at + 1];
    if (code == kEscTruncate) {
      data.ops.push_back({DataOp::Kind::Truncate, {}, 0, 0});
    } else if (code == kEscBeep) {
      data.ops.push_back({DataOp::Kind::Beep, {}, 0, 0});
    } else if (code == kEscMove) {
      if (at + 6 > body.size()) break;
      data.ops.push_back(
          {DataOp::Kind::Move, {}, wire::get_u16(body, at + 2), wire::get_u16(body, at + 4)});
      at += 4;
    }
    at += 2;
  }
  return data;
}

srdp::Chunk encode_data(const UtalkData& data) {
  srdp::Chunk chunk;
  chunk.type = srdp::type::kUtalkData;
  chunk.level = srdp::kUtalkLevel;
  auto& body = chunk.body;
  body.resize(4);
  wire::put_u16(body, 0, data.line);
  wire::put_u16(body, 2, data.column);
  for (const DataOp& op : data.ops) {
    switch (op.kind) {
      case DataOp::Kind::Text:
        for (const char c : op.text) {
          const auto byte = static_cast<std::uint8_t>(c);
          if (byte != kEscape) body.push_back(byte);
        }
        break;
      case DataOp::Kind::Truncate:
        body.insert(body.end(), {kEscape, kEscTruncate});
        break;
      case DataOp::Kind::Beep:
        body.insert(body.end(), {kEscape, kEscBeep});
        break;
      case DataOp::Kind::Move: {
        const std::size_t at = body.size();
        body.resize(at + 6);
        body[at] = kEscape;
        body[at + 1] = kEscMove;
        wire::put_u16(body, at + 2, op.line);
        wire::put_u16(body, at + 4, op.column);
        break;
      }
    }
  }
  return chunk;
}

std::optional<std::string> decode_topic(const srdp::Chunk& chunk) {
  if (chunk.size() > kMaxTopicChunk) return std::nullopt;
  std::string text;
  for (const std::uint8_t byte : chunk.body) {
    if (byte == 0) break;
    text.push_back(static_cast<char>(byte));
  }
  return text;
}

srdp::Chunk encode_topic(const std::string& latin1) {
  srdp::Chunk chunk;
  chunk.type = srdp::type::kUtalkTopic;
  chunk.level = srdp::kUtalkLevel;
  for (const char c : latin1) {
    if (c == '\0' || chunk.body.size() == kMaxTopic) break;
    chunk.body.push_back(static_cast<std::uint8_t>(c));
  }
  return chunk;
}

}  // namespace talk::proto::utalk
