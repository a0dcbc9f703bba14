// Helpers that lay out test datagrams byte by byte at explicit offsets, independent of the codec.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace talk::proto::testing {

using Wire = std::vector<std::uint8_t>;

inline void put8(Wire& w, std::size_t off, std::uint64_t v) {
  w.at(off) = static_cast<std::uint8_t>(v & 0xffU);
}
inline void put_be16(Wire& w, std::size_t off, std::uint64_t v) {
  put8(w, off, v >> 8);
  put8(w, off + 1, v);
}
inline void put_le16(Wire& w, std::size_t off, std::uint64_t v) {
  put8(w, off, v);
  put8(w, off + 1, v >> 8);
}
inline void put_be32(Wire& w, std::size_t off, std::uint64_t v) {
  put8(w, off, v >> 24);
  put8(w, off + 1, v >> 16);
  put8(w, off + 2, v >> 8);
  put8(w, off + 3, v);
}
inline void put_le32(Wire& w, std::size_t off, std::uint64_t v) {
  put8(w, off, v);
  put8(w, off + 1, v >> 8);
  put8(w, off + 2, v >> 16);
  put8(w, off + 3, v >> 24);
}
/// Writes `text` at `off` and zero-fills the rest of the `size`-byte field.
inline void put_text(Wire& w, std::size_t off, std::size_t size, std::string_view text) {
  for (std::size_t i = 0; i < size; ++i) {
    put8(w, off + i, i < text.size() ? static_cast<unsigned char>(text[i]) : 0U);
  }
}
/// Fills `size` bytes at `off` with `byte` (no NUL anywhere in the field).
inline void fill(Wire& w, std::size_t off, std::size_t size, std::uint8_t byte) {
  for (std::size_t i = 0; i < size; ++i) put8(w, off + i, byte);
}

/// A 16-byte BSD address written the way every ntalk sender does: family big-endian, port and
/// address in network order, then the 8 trailing bytes given.
inline void put_addr(Wire& w, std::size_t off, std::uint64_t family, std::uint64_t port,
                     std::uint64_t ipv4, std::uint8_t trailing = 0) {
  put_be16(w, off, family);
  put_be16(w, off + 2, port);
  put_be32(w, off + 4, ipv4);
  fill(w, off + 8, 8, trailing);
}

}  // namespace talk::proto::testing
