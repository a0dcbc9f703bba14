// utalk's talk layer over SRDP: UTALK_DATA (text at a line and column, with the 0xff escapes)
// and UTALK_TOPIC, decoded into operations and encoded from them, byte by byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/srdp.hpp"

namespace talk::proto::utalk {

inline constexpr std::uint8_t kEscape = 0xff;
inline constexpr std::uint8_t kEscTruncate = 0x00;  // ff 00: blank the line from here on
inline constexpr std::uint8_t kEscMove = 0x01;      // ff 01 LL LL CC CC: cursor to line, column
inline constexpr std::uint8_t kEscBeep = 0x07;      // ff 07: ring the bell
inline constexpr std::uint8_t kDeletedCell = 0x00;  // a zero-width cell that stays deleted
inline constexpr std::size_t kMaxTopic = 255;
inline constexpr std::size_t kMaxTopicChunk = 299;  // receivers take a topic chunk below 300

/// One step of a UTALK_DATA chunk, applied in order from the chunk's line and column.
struct DataOp {
  enum class Kind : std::uint8_t {
    Text,      // `text`: ISO-8859-1 bytes written from the cursor on (0x00 = deleted cell)
    Truncate,  // ff 00
    Move,      // ff 01: `line`, `column`
    Beep,      // ff 07
  };
  Kind kind = Kind::Text;
  std::string text;
  std::uint16_t line = 0;
  std::uint16_t column = 0;
  friend bool operator==(const DataOp&, const DataOp&) = default;
};

struct UtalkData {
  std::uint16_t line = 1;  // 1-based
  std::uint16_t column = 1;
  std::vector<DataOp> ops;  // empty: a cursor move
  friend bool operator==(const UtalkData&, const UtalkData&) = default;
};

/// A UTALK_DATA body: nullopt when shorter than its line and column. Unknown escapes are
/// skipped (two bytes); an escape cut off by the end of the chunk is dropped.
std::optional<UtalkData> decode_data(const srdp::Chunk& chunk);
/// A UTALK_DATA chunk (sequence number 0: the session numbers it). Text bytes 0xff cannot be
/// carried and are left out; callers check can_carry() first.
srdp::Chunk encode_data(const UtalkData& data);

/// A UTALK_TOPIC chunk's ISO-8859-1 text, cut at the first NUL; nullopt for a chunk of 300
/// bytes or more (utalk ignores those).
std::optional<std::string> decode_topic(const srdp::Chunk& chunk);
/// A UTALK_TOPIC chunk, the text cut to 255 bytes and at any NUL.
srdp::Chunk encode_topic(const std::string& latin1);

/// Whether a Latin-1 byte can travel as text (0xff is the escape, 0x00 the deleted cell).
constexpr bool can_carry(std::uint8_t latin1) {
  return latin1 != kEscape && latin1 != kDeletedCell;
}

}  // namespace talk::proto::utalk
