// An IPv4 endpoint (address + port, host order) as the platform layer passes it around.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace talk::platform {

struct Ipv4Endpoint {
  std::uint32_t address = 0;  // host order: 0x7f000001 is 127.0.0.1
  std::uint16_t port = 0;     // host order

  friend bool operator==(const Ipv4Endpoint&, const Ipv4Endpoint&) = default;
};

inline constexpr std::uint32_t kLoopbackAddress = 0x7f000001;

/// "a.b.c.d" for an address.
std::string format_ipv4(std::uint32_t address);
/// "a.b.c.d:port".
std::string format_endpoint(const Ipv4Endpoint& endpoint);
/// Parses a dotted-quad IPv4 address; nullopt on anything else.
std::optional<std::uint32_t> parse_ipv4(std::string_view text);
/// True for 127.0.0.0/8.
constexpr bool is_loopback(std::uint32_t address) {
  return (address >> 24) == 127;
}

}  // namespace talk::platform
