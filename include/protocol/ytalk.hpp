// ytalk 3.x wire formats: the 64-byte parameter block and the out-of-band messages, byte by byte.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace talk::proto::ytalk {

using Bytes = std::span<const std::uint8_t>;

/// The erase character every ytalk sends first of its three edit bytes; it marks the peer as a
/// ytalk (plain talk peers simply treat it as their peer's erase character).
inline constexpr std::uint8_t kEraseMarker = 0xFE;
/// Starts an out-of-band packet (followed by a length byte <= kMaxPacket) or escapes a data byte.
inline constexpr std::uint8_t kOobMarker = 0xFD;
inline constexpr std::uint8_t kMaxPacket = 0xFC;

inline constexpr std::size_t kParmSize = 64;
inline constexpr std::uint8_t kProtocolNew = 27;  // ytalk 3.0 and later
inline constexpr std::uint8_t kProtocolOld = 20;  // ytalk before 3.0
inline constexpr std::size_t kPackSize = 92;
inline constexpr std::size_t kFlagsSize = 8;
inline constexpr std::size_t kWinchSize = 8;
inline constexpr std::size_t kNameSize = 16;
inline constexpr std::size_t kHostSize = 64;
inline constexpr std::size_t kV2PackSize = 78;
inline constexpr std::size_t kV2NameSize = 12;
inline constexpr std::size_t kV2HostSize = 64;

/// Flag bits carried by LOCKF (FL_* in ytalk).
inline constexpr std::uint32_t kFlagRaw = 0x1;
inline constexpr std::uint32_t kFlagScroll = 0x2;
inline constexpr std::uint32_t kFlagLocked = 0x40000000;

/// The first payload byte of an out-of-band packet.
enum class Code : std::uint8_t {
  Export = 101,       // "I agreed to import this user" (reply to Import)
  Import = 102,       // "this user joined me; connect to them"
  Accept = 103,       // "this member expects your connection"
  LockFlags = 111,    // the sender runs a program: treat its data raw
  UnlockFlags = 112,  // back to ordinary text
  YourWindow = 121,   // the window showing you over here is now rows x cols
  MyWindow = 122,     // my own window is now rows x cols
  Region = 123,       // I run a full-screen program in rows x cols (0 x 0 ends it)
};

/// The 3-byte edit exchange says "ytalk" when the erase character is the marker.
constexpr bool is_ytalk_erase(std::uint8_t erase) {
  return erase == kEraseMarker;
}

/// y_parm: exchanged by two ytalks right after the edit bytes. Multi-byte fields big-endian.
struct Parm {
  std::uint8_t w_rows = 0;               // offset 0: window rows, meaningful only for protocol 20
  std::uint8_t w_cols = 0;               // offset 1
  std::uint8_t protocol = kProtocolNew;  // offset 2
  std::uint8_t pad1 = 0;                 // offset 3
  std::uint16_t vmajor = 3;              // offset 4
  std::uint16_t vminor = 3;              // offset 6
  std::uint16_t rows = 0;                // offset 8: the sender's own window height
  std::uint16_t cols = 0;                // offset 10
  std::uint16_t my_rows = 0;             // offset 12: the window the sender shows the receiver in
  std::uint16_t my_cols = 0;             // offset 14
  std::uint32_t pid = 0;                 // offset 16: the sender's identity in Import/Export/Accept
  std::array<std::uint8_t, 44> pad{};    // offset 20: zero

  bool operator==(const Parm&) const = default;
};

enum class ParmError : std::uint8_t {
  None = 0,
  WrongLength,          // not 64 bytes: no block
  UnsupportedProtocol,  // protocol is neither 20 nor 27 (ytalk drops the connection)
};

struct ParmDecoded {
  std::optional<Parm> parm;  // present unless the length was wrong
  ParmError error = ParmError::None;
  bool ok() const { return error == ParmError::None; }
};

ParmDecoded decode_parm(Bytes block);
std::array<std::uint8_t, kParmSize> encode(const Parm& parm);

/// Whether the peer speaks the 3.x out-of-band protocol (protocol 27, major version above 2).
bool speaks_oob(const Parm& parm);
/// Whether the peer wants CR LF for a newline (ytalk 3.2 and later).
bool wants_crlf(const Parm& parm);

/// Import, Export or Accept: 92 bytes.
struct Pack {
  Code code = Code::Import;
  std::array<std::uint8_t, 3> filler{};
  /// Offset 4, as sent. ytalk applies htonl to an address already in network order, so a
  /// little-endian sender's octets arrive reversed (see reversed_octets).
  std::array<std::uint8_t, 4> host_addr{};
  std::uint32_t pid = 0;  // offset 8: the subject's ytalk pid (0 for a plain talk user)
  std::string name;       // offset 12, 16 bytes, not NUL-terminated when full
  std::string host;       // offset 28, 64 bytes, the subject's fully qualified host name

  bool operator==(const Pack&) const = default;
};

/// LockFlags or UnlockFlags: 8 bytes.
struct Flags {
  Code code = Code::LockFlags;
  std::array<std::uint8_t, 3> filler{};
  std::uint32_t flags = 0;  // offset 4

  bool operator==(const Flags&) const = default;
};

/// YourWindow, MyWindow or Region: 8 bytes.
struct Winch {
  Code code = Code::MyWindow;
  std::array<std::uint8_t, 3> filler{};
  std::uint16_t rows = 0;  // offset 4
  std::uint16_t cols = 0;  // offset 6

  bool operator==(const Winch&) const = default;
};

/// A packet with a code ytalk does not define (ytalk ignores these): kept whole.
struct UnknownPacket {
  std::vector<std::uint8_t> payload;

  bool operator==(const UnknownPacket&) const = default;
};

using OobMessage = std::variant<Pack, Flags, Winch, UnknownPacket>;

enum class OobError : std::uint8_t {
  None = 0,
  Empty,        // a zero-length packet
  WrongLength,  // a known code with the wrong payload size
};

struct OobDecoded {
  std::optional<OobMessage> message;  // present when error is None
  OobError error = OobError::None;
  bool ok() const { return error == OobError::None; }
};

/// Decodes one packet's payload (the bytes after FD and the length byte).
OobDecoded decode_oob(Bytes payload);
/// The payload bytes of a message.
std::vector<std::uint8_t> encode_payload(const OobMessage& message);
/// The framed packet: FD, length, payload.
std::vector<std::uint8_t> frame(const OobMessage& message);

/// The four octets in the other order: a little-endian ytalk's host_addr <-> the IPv4 octets.
std::array<std::uint8_t, 4> reversed_octets(const std::array<std::uint8_t, 4>& octets);

/// The 78-byte ytalk 2 packet, still written to an auto-invite port (code 133) by 3.x.
struct V2Pack {
  std::uint8_t code = 133;
  std::uint8_t filler = 0;
  std::string name;  // offset 2, 12 bytes
  std::string host;  // offset 14, 64 bytes

  bool operator==(const V2Pack&) const = default;
};
inline constexpr std::uint8_t kV2Auto = 133;

/// Decodes a 78-byte V2 packet; nullopt for any other length.
std::optional<V2Pack> decode_v2_pack(Bytes packet);
std::array<std::uint8_t, kV2PackSize> encode(const V2Pack& pack);

}  // namespace talk::proto::ytalk
