// Formatting and parsing of IPv4 endpoints.
#include "platform/endpoint.hpp"

#include <arpa/inet.h>

namespace talk::platform {

std::string format_ipv4(std::uint32_t address) {
  return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xffU) + "." +
         std::to_string((address >> 8) & 0xffU) + "." + std::to_string(address & 0xffU);
}

std::string format_endpoint(const Ipv4Endpoint& endpoint) {
  return format_ipv4(endpoint.address) + ":" + std::to_string(endpoint.port);
}

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  // inet_pton stops at a NUL, which would accept "1.2.3.4\0anything".
  if (text.find('\0') != std::string_view::npos) return std::nullopt;
  const std::string copy(text);
  in_addr parsed{};
  if (::inet_pton(AF_INET, copy.c_str(), &parsed) != 1) return std::nullopt;
  return ntohl(parsed.s_addr);
}

}  // namespace talk::platform
