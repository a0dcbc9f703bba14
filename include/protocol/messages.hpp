// Value types for the ntalk and otalk control messages, independent of their wire layout.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "protocol/constants.hpp"

namespace talk::proto {

/// The 16-byte BSD socket address carried in talk messages. All numbers are in host order
/// here; the codec converts. `zero` keeps the last 8 bytes as received (senders leave them 0).
struct TalkAddr {
  std::uint16_t family = 0;  // kAfInet for a valid address
  std::uint16_t port = 0;    // host order
  std::uint32_t ipv4 = 0;    // host order, e.g. 0x7f000001 for 127.0.0.1
  std::array<std::uint8_t, 8> zero{};

  friend bool operator==(const TalkAddr&, const TalkAddr&) = default;
};

/// Makes an AF_INET TalkAddr from a host-order address and port.
constexpr TalkAddr make_inet_addr(std::uint32_t ipv4, std::uint16_t port) {
  return TalkAddr{kAfInet, port, ipv4, {}};
}

/// ntalk CTL_MSG (client -> daemon). Strings hold the bytes before the first NUL of their
/// fixed field; the codec guarantees l_name/r_name fit kNameSize-1 and r_tty kTtySize-1.
struct CtlMessage {
  std::uint8_t version = kTalkVersion;
  RequestType type = RequestType::LookUp;  // may hold any byte received
  std::uint8_t answer = 0;                 // unused in requests
  std::uint8_t pad = 0;
  std::uint32_t id_num = 0;
  TalkAddr addr;
  TalkAddr ctl_addr;
  std::int32_t pid = 0;
  std::string l_name;
  std::string r_name;
  std::string r_tty;

  friend bool operator==(const CtlMessage&, const CtlMessage&) = default;
};

/// ntalk CTL_RESPONSE (daemon -> client).
struct CtlResponse {
  std::uint8_t version = kTalkVersion;
  RequestType type = RequestType::LookUp;
  Answer answer = Answer::Success;
  std::uint8_t pad = 0;
  std::uint32_t id_num = 0;
  TalkAddr addr;

  friend bool operator==(const CtlResponse&, const CtlResponse&) = default;
};

/// Byte order in which an otalk sender wrote its family, id and pid fields.
enum class ByteOrder : std::uint8_t { Big, Little };

/// otalk OCTL_MSG (76 bytes on the wire, 9-byte names, no version field).
struct OtalkMessage {
  RequestType type = RequestType::LookUp;
  std::string l_name;  // at most kOtalkNameSize-1 bytes
  std::string r_name;
  std::uint8_t filler = 0;
  std::uint32_t id_num = 0;
  std::int32_t pid = 0;
  std::string r_tty;
  TalkAddr addr;
  TalkAddr ctl_addr;
  ByteOrder order = ByteOrder::Big;  // as decoded; encoding always writes Big

  friend bool operator==(const OtalkMessage&, const OtalkMessage&) = default;
};

/// otalk OCTL_RESPONSE (24 bytes: type, answer, 2 filler bytes, id, addr).
struct OtalkResponse {
  RequestType type = RequestType::LookUp;
  Answer answer = Answer::Success;
  std::uint32_t id_num = 0;
  TalkAddr addr;
  ByteOrder order = ByteOrder::Big;

  friend bool operator==(const OtalkResponse&, const OtalkResponse&) = default;
};

/// Converts an otalk request to the ntalk message the daemon's logic works on (version 1,
/// names as they are, which already fit).
CtlMessage to_ctl_message(const OtalkMessage& otalk);
/// Converts an ntalk request to otalk, truncating names to 8 bytes.
OtalkMessage to_otalk_message(const CtlMessage& msg);
/// Converts an ntalk response to otalk; answers beyond the otalk range become Failed.
OtalkResponse to_otalk_response(const CtlResponse& response);
/// Converts an otalk response to ntalk (version 1).
CtlResponse to_ctl_response(const OtalkResponse& response);

}  // namespace talk::proto
