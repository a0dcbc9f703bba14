// Host and service lookups through getaddrinfo and getservbyname.
#include "platform/host_lookup.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cstring>

namespace talk::platform {

std::optional<std::uint32_t> resolve_ipv4_host(const std::string& host, std::string& error_text) {
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* list = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &list);
  if (rc != 0 || list == nullptr) {
    error_text = rc != 0 ? ::gai_strerror(rc) : "no IPv4 address";
    return std::nullopt;
  }
  sockaddr_in sin{};
  std::memcpy(&sin, list->ai_addr, sizeof sin);
  ::freeaddrinfo(list);
  return ntohl(sin.sin_addr.s_addr);
}

std::optional<std::uint16_t> udp_service_port(const char* name) {
  servent entry{};
  servent* found = nullptr;
  char buffer[1024];
  if (::getservbyname_r(name, "udp", &entry, buffer, sizeof buffer, &found) != 0 ||
      found == nullptr) {
    return std::nullopt;
  }
  return ntohs(static_cast<std::uint16_t>(found->s_port));
}

}  // namespace talk::platform
