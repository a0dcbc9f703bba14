// SRDP chunk and packet codec.
#include <string_view>

#include "protocol/srdp.hpp"
#include "wire_bytes.hpp"

namespace talk::proto::srdp {
namespace {

Chunk control(std::uint8_t chunk_type) {
  Chunk chunk;
  chunk.type = chunk_type;
  return chunk;
}

std::vector<std::uint8_t> u32_body(std::uint32_t value) {
  std::vector<std::uint8_t> body(4);
  wire::put_u32(body, 0, value);
  return body;
}

}  // namespace

std::string_view describe(PacketError error) {
  switch (error) {
    case PacketError::None:
      return "valid";
    case PacketError::TooShort:
      return "shorter than a chunk header";
    case PacketError::BadLength:
      return "chunk length outside the datagram";
  }
  return "unknown";
}

DecodedPacket decode_packet(std::span<const std::uint8_t> datagram) {
  DecodedPacket out;
  if (datagram.empty()) out.error = PacketError::TooShort;
  std::size_t at = 0;
  while (out.ok() && at < datagram.size()) {
    const auto rest = datagram.subspan(at);
    if (rest.size() < kHeaderSize) {
      out.error = PacketError::TooShort;
      break;
    }
    Chunk chunk;
    chunk.version = rest[0];
    chunk.revision = rest[1];
    chunk.level = rest[2];
    chunk.type = rest[3];
    const std::uint32_t length = wire::get_u32(rest, 4);
    const std::size_t header = header_size(chunk.type);
    if (length < header || length > rest.size()) {
      out.error = PacketError::BadLength;
      break;
    }
    if (header == kSequencedHeaderSize) chunk.seq = wire::get_u32(rest, 8);
    chunk.body.assign(rest.begin() + static_cast<std::ptrdiff_t>(header),
                      rest.begin() + static_cast<std::ptrdiff_t>(length));
    out.chunks.push_back(std::move(chunk));
    at += length;
  }
  if (!out.ok()) out.chunks.clear();
  return out;
}

void append_chunk(const Chunk& chunk, std::vector<std::uint8_t>& out) {
  const std::size_t start = out.size();
  const std::size_t header = header_size(chunk.type);
  out.resize(start + header);
  const std::span<std::uint8_t> head(out.data() + start, header);
  head[0] = chunk.version;
  head[1] = chunk.revision;
  head[2] = chunk.level;
  head[3] = chunk.type;
  wire::put_u32(head, 4, static_cast<std::uint32_t>(header + chunk.body.size()));
  if (header == kSequencedHeaderSize) wire::put_u32(head, 8, chunk.seq);
  out.insert(out.end(), chunk.body.begin(), chunk.body.end());
}

std::vector<std::uint8_t> encode_packet(std::span<const Chunk> chunks) {
  std::vector<std::uint8_t> out;
  for (const Chunk& chunk : chunks) append_chunk(chunk, out);
  return out;
}

Chunk make_current(std::uint32_t greatest_received) {
  Chunk chunk = control(type::kCurrent);
  chunk.body = u32_body(greatest_received);
  return chunk;
}

Chunk make_oldest(std::uint32_t oldest_resendable) {
  Chunk chunk = control(type::kOldest);
  chunk.body = u32_body(oldest_resendable);
  return chunk;
}

Chunk make_missing_list(std::span<const MissingRun> runs) {
  Chunk chunk = control(type::kMissingList);
  for (const MissingRun& run : runs) {
    const auto entry = u32_body(run.newest);
    chunk.body.insert(chunk.body.end(), entry.begin(), entry.end());
    chunk.body.push_back(run.more);
  }
  return chunk;
}

Chunk make_alive() {
  return control(type::kAlive);
}

Chunk make_ping(std::span<const std::uint8_t> payload) {
  Chunk chunk = control(type::kPing);
  chunk.body.assign(payload.begin(), payload.end());
  return chunk;
}

Chunk make_ping_reply(const Chunk& ping) {
  Chunk chunk = ping;
  chunk.type = type::kPingReply;
  return chunk;
}

Chunk make_close(std::span<const std::uint8_t> latin1_message) {
  Chunk chunk = control(type::kClose);
  chunk.body.assign(latin1_message.begin(), latin1_message.end());
  return chunk;
}

Chunk make_drop() {
  return control(type::kDrop);
}

std::optional<std::uint32_t> number_of(const Chunk& chunk) {
  if (chunk.body.size() < 4) return std::nullopt;
  return wire::get_u32(chunk.body, 0);
}

std::vector<MissingRun> missing_runs_of(const Chunk& chunk) {
  std::vector<MissingRun> runs;
  for (std::size_t at = 0; at + kMissingRunSize <= chunk.body.size(); at += kMissingRunSize) {
    runs.push_back({wire::get_u32(chunk.body, at), chunk.body[at + 4]});
  }
  return runs;
}

}  // namespace talk::proto::srdp
