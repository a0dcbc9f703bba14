// Name lookups the client needs: a host's IPv4 address and the UDP port of a service.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <system_error>

namespace talk::platform {

/// The first IPv4 address of `host` (a name or a dotted quad). On failure the error message
/// is in `error_text`.
std::optional<std::uint32_t> resolve_ipv4_host(const std::string& host, std::string& error_text);

/// getservbyname(name, "udp") in host order, or nullopt when /etc/services lacks it.
std::optional<std::uint16_t> udp_service_port(const char* name);

}  // namespace talk::platform
