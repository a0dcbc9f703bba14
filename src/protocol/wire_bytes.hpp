// Internal helpers of the codec: read and write integers and fixed fields at explicit offsets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "protocol/codec.hpp"
#include "protocol/sanitize.hpp"

namespace talk::proto::wire {

inline std::uint16_t get_u16(Bytes b, std::size_t at, ByteOrder order = ByteOrder::Big) {
  const auto hi = static_cast<unsigned>(b[at]);
  const auto lo = static_cast<unsigned>(b[at + 1]);
  return static_cast<std::uint16_t>(order == ByteOrder::Big ? (hi << 8U) | lo : (lo << 8U) | hi);
}

inline std::uint32_t get_u32(Bytes b, std::size_t at, ByteOrder order = ByteOrder::Big) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t index = order == ByteOrder::Big ? at + i : at + 3 - i;
    value = (value << 8U) | b[index];
  }
  return value;
}

inline void put_u16(std::span<std::uint8_t> b, std::size_t at, std::uint16_t value) {
  b[at] = static_cast<std::uint8_t>(value >> 8U);
  b[at + 1] = static_cast<std::uint8_t>(value & 0xffU);
}

inline void put_u32(std::span<std::uint8_t> b, std::size_t at, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) {
    b[at + i] = static_cast<std::uint8_t>((value >> (8U * (3 - i))) & 0xffU);
  }
}

/// What reading a fixed-size string field found.
struct FieldRead {
  std::string text;
  bool terminated = true;
};

/// Reads the bytes before the first NUL of a `size`-byte field; without a NUL, the first
/// size-1 bytes (the field is forced to be NUL-terminated).
inline FieldRead get_field(Bytes b, std::size_t at, std::size_t size) {
  FieldRead read;
  std::size_t length = 0;
  while (length < size && b[at + length] != 0) ++length;
  read.terminated = length < size;
  if (!read.terminated) length = size - 1;
  read.text.assign(reinterpret_cast<const char*>(b.data() + at), length);
  return read;
}

/// The name checks shared by both request layouts: every field NUL-terminated, then printable.
inline DecodeError check_names(const FieldRead& l_name, const FieldRead& r_name,
                               const FieldRead& r_tty) {
  if (!l_name.terminated || !r_name.terminated || !r_tty.terminated) {
    return DecodeError::UnterminatedName;
  }
  if (!is_printable_name(l_name.text) || !is_printable_name(r_name.text) ||
      !is_printable_name(r_tty.text)) {
    return DecodeError::NonPrintableName;
  }
  return DecodeError::None;
}

/// Writes `text` zero-padded into a `size`-byte field, cut to size-1 bytes.
inline void put_field(std::span<std::uint8_t> b, std::size_t at, std::size_t size,
                      std::string_view text) {
  const std::size_t length = text.size() < size ? text.size() : size - 1;
  for (std::size_t i = 0; i < size; ++i) {
    b[at + i] = i < length ? static_cast<std::uint8_t>(text[i]) : 0;
  }
}

/// Decodes a 16-byte osockaddr whose family is in `order` (port and address are always
/// network order, as sin_port and sin_addr are).
inline TalkAddr get_addr(Bytes b, std::size_t at, ByteOrder order = ByteOrder::Big) {
  TalkAddr addr;
  addr.family = get_u16(b, at, order);
  addr.port = get_u16(b, at + 2);
  addr.ipv4 = get_u32(b, at + 4);
  for (std::size_t i = 0; i < addr.zero.size(); ++i) addr.zero[i] = b[at + 8 + i];
  return addr;
}

inline void put_addr(std::span<std::uint8_t> b, std::size_t at, const TalkAddr& addr) {
  put_u16(b, at, addr.family);
  put_u16(b, at + 2, addr.port);
  put_u32(b, at + 4, addr.ipv4);
  for (std::size_t i = 0; i < addr.zero.size(); ++i) b[at + 8 + i] = addr.zero[i];
}

}  // namespace talk::proto::wire
