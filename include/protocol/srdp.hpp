// SRDP, utalk's Semi-Reliable Datagram Protocol: chunks and packets, encoded and decoded byte by
// byte. A packet (one UDP datagram) is one or more chunks; every number is big-endian.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace talk::proto::srdp {

inline constexpr std::uint8_t kVersion = 1;
inline constexpr std::uint8_t kRevision = 0;
/// The high-level protocol number utalk puts on its own chunks (control chunks carry 0).
inline constexpr std::uint8_t kUtalkLevel = 1;
inline constexpr std::size_t kHeaderSize = 8;            // version revision level type len32
inline constexpr std::size_t kSequencedHeaderSize = 12;  // ... seq32
inline constexpr std::size_t kMaxPacket = 1472;          // utalk's max_packet_len
inline constexpr std::size_t kMaxDatagram = 9000;        // MAXPACKETLEN: what utalk reads

namespace type {
inline constexpr std::uint8_t kUtalkData = 0x02;
inline constexpr std::uint8_t kUtalkTopic = 0x04;
inline constexpr std::uint8_t kPing = 0xff;
inline constexpr std::uint8_t kPingReply = 0xfd;
inline constexpr std::uint8_t kMissingList = 0xfb;
inline constexpr std::uint8_t kCurrent = 0xf9;
inline constexpr std::uint8_t kOldest = 0xf7;
inline constexpr std::uint8_t kAlive = 0xf5;
inline constexpr std::uint8_t kClose = 0xfe;
inline constexpr std::uint8_t kDrop = 0xfc;
}  // namespace type

/// Even types carry a sequence number, except CLOSE and DROP ("semi-sequenced": repeated,
/// never numbered).
constexpr bool is_sequenced(std::uint8_t chunk_type) {
  return (chunk_type & 1U) == 0 && chunk_type != type::kClose && chunk_type != type::kDrop;
}

constexpr std::size_t header_size(std::uint8_t chunk_type) {
  return is_sequenced(chunk_type) ? kSequencedHeaderSize : kHeaderSize;
}

struct Chunk {
  std::uint8_t version = kVersion;
  std::uint8_t revision = kRevision;
  std::uint8_t level = 0;  // the high-level protocol number (receivers ignore it)
  std::uint8_t type = 0;
  std::uint32_t seq = 0;  // sequenced chunks only
  std::vector<std::uint8_t> body;

  std::size_t size() const { return header_size(type) + body.size(); }
  friend bool operator==(const Chunk&, const Chunk&) = default;
};

enum class PacketError : std::uint8_t {
  None = 0,
  TooShort,   // fewer bytes left than a chunk header
  BadLength,  // a chunk's length is below its header size or beyond the datagram
};

std::string_view describe(PacketError error);

/// All chunks of a datagram, or none: a packet with one malformed chunk is dropped whole.
struct DecodedPacket {
  std::vector<Chunk> chunks;
  PacketError error = PacketError::None;
  bool ok() const { return error == PacketError::None; }
};

DecodedPacket decode_packet(std::span<const std::uint8_t> datagram);
/// Appends `chunk`'s bytes (its length field computed) to `out`.
void append_chunk(const Chunk& chunk, std::vector<std::uint8_t>& out);
std::vector<std::uint8_t> encode_packet(std::span<const Chunk> chunks);

/// One MISSLST entry: the newest missing sequence number of a run and how many more seqs
/// (0-255) are missing right below it.
struct MissingRun {
  std::uint32_t newest = 0;
  std::uint8_t more = 0;
  friend bool operator==(const MissingRun&, const MissingRun&) = default;
};
inline constexpr std::size_t kMissingRunSize = 5;

Chunk make_current(std::uint32_t greatest_received);
Chunk make_oldest(std::uint32_t oldest_resendable);
Chunk make_missing_list(std::span<const MissingRun> runs);
Chunk make_alive();
Chunk make_ping(std::span<const std::uint8_t> payload);
Chunk make_ping_reply(const Chunk& ping);
Chunk make_close(std::span<const std::uint8_t> latin1_message);
Chunk make_drop();

/// The number in a CURRENT or OLDEST chunk (nullopt when its body is shorter than 4 bytes).
std::optional<std::uint32_t> number_of(const Chunk& chunk);
/// The whole entries of a MISSLST chunk, newest first (a trailing partial entry is ignored).
std::vector<MissingRun> missing_runs_of(const Chunk& chunk);

}  // namespace talk::proto::srdp
