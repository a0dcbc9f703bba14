// Byte-by-byte encoders and decoders for ntalk and otalk control datagrams.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "protocol/messages.hpp"

namespace talk::proto {

/// Why a datagram was not a valid message. Only WrongLength leaves no message at all; for the
/// others the message is decoded (names NUL-terminated) so a daemon can answer with the right
/// code and echo the type.
enum class DecodeError : std::uint8_t {
  None = 0,
  WrongLength,       // not the layout's exact size: no message
  BadVersion,        // vers != TALK_VERSION            -> BADVERSION
  BadAddrFamily,     // addr family not AF_INET         -> BADADDR
  BadCtlAddrFamily,  // ctl_addr family not AF_INET     -> BADCTLADDR
  UnknownType,       // type > ANNOUNCE                 -> UNKNOWN_REQUEST
  UnterminatedName,  // a name or tty field had no NUL  -> FAILED (field was truncated)
  NonPrintableName,  // a name or tty byte is a control or non-ASCII byte -> FAILED
};

/// Short English description of a DecodeError, for logs.
std::string_view describe(DecodeError error);

/// The outcome of decoding: `message` is present unless the length was wrong; `error` says
/// whether (and why not) the message is valid. Checks are made in the order of the enum and
/// the first failing one is reported.
template <typename T>
struct Decoded {
  std::optional<T> message;
  DecodeError error = DecodeError::None;

  bool ok() const { return error == DecodeError::None; }
};

using Bytes = std::span<const std::uint8_t>;

Decoded<CtlMessage> decode_ctl_message(Bytes datagram);
Decoded<CtlResponse> decode_ctl_response(Bytes datagram);
/// otalk decoding accepts family, id and pid in either byte order, guessed from the
/// ctl_addr family bytes (00 02 is big-endian, 02 00 little-endian); `order` records it.
/// The addr family's order is guessed from its own bytes, and an unset addr (family 00 00)
/// is accepted, as otalk LOOK_UP and DELETE senders leave it empty.
Decoded<OtalkMessage> decode_otalk_message(Bytes datagram);
Decoded<OtalkResponse> decode_otalk_response(Bytes datagram);

/// Encoders write network byte order and zero-pad strings (longer strings are cut so the
/// field stays NUL-terminated).
std::array<std::uint8_t, kCtlMsgSize> encode(const CtlMessage& msg);
std::array<std::uint8_t, kCtlResponseSize> encode(const CtlResponse& response);
std::array<std::uint8_t, kOctlMsgSize> encode(const OtalkMessage& msg);
std::array<std::uint8_t, kOctlResponseSize> encode(const OtalkResponse& response);

}  // namespace talk::proto
