// The three edit characters each side sends first on a new talk connection.
#pragma once

#include <array>
#include <cstdint>

namespace talk::client {

struct EditChars {
  std::uint8_t erase = 0x7f;   // DEL
  std::uint8_t kill = 0x15;    // ^U
  std::uint8_t werase = 0x17;  // ^W

  std::array<std::uint8_t, 3> bytes() const { return {erase, kill, werase}; }
  friend bool operator==(const EditChars&, const EditChars&) = default;
};

/// ytalk sends 0xFE as its erase character; it always means erase.
inline constexpr std::uint8_t kYtalkErase = 0xfe;

}  // namespace talk::client
