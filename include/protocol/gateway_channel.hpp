// The local channel between talkd and the talk-XMPP gateway: one short text message per
// request (RING, CANCEL) and one per answer (OK, UNKNOWN), so both sides stay small and the
// parser can be fuzzed alone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/messages.hpp"

namespace talk::proto {

/// Longest message either side sends or accepts.
inline constexpr std::size_t kGatewayMessageMax = 128;

enum class GatewayVerb : std::uint8_t {
  Ring,     // talkd -> gateway: `caller` on this host calls `callee`, waiting at `addr`
  Cancel,   // talkd -> gateway: that call is withdrawn
  Ok,       // gateway -> talkd: the callee is a gateway name of the caller; ringing
  Unknown,  // gateway -> talkd: not a gateway name (or not allowed now)
};

struct GatewayMessage {
  GatewayVerb verb = GatewayVerb::Unknown;
  std::string caller;  // RING, CANCEL: a login name (1 to 11 bytes, printable, no space)
  std::string callee;  // RING, CANCEL: the short name the caller typed
  TalkAddr addr;       // RING: the caller's invitation address

  friend bool operator==(const GatewayMessage&, const GatewayMessage&) = default;
};

/// "RING alice bob-x 127.0.0.1 40000\n", "CANCEL alice bob-x\n", "OK\n", "UNKNOWN\n".
std::string encode_gateway_message(const GatewayMessage& message);

/// The message in `text`, or nullopt when it is not exactly one well-formed message.
std::optional<GatewayMessage> parse_gateway_message(std::string_view text);

/// True for a name the channel can carry: 1 to 11 bytes of printable ASCII, no space.
bool is_gateway_name(std::string_view name);

}  // namespace talk::proto
