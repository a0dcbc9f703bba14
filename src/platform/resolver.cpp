// SystemResolver: reverse lookup confirmed by a forward lookup; locality by a bind test.
#include "platform/resolver.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <climits>
#include <cstring>

#include "platform/endpoint.hpp"
#include "platform/unique_fd.hpp"

namespace talk::platform {

std::string SystemResolver::verified_name(std::uint32_t ipv4) {
  std::string dotted = format_ipv4(ipv4);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(ipv4);
  char host[NI_MAXHOST] = {};
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&sin), sizeof sin, host, sizeof host, nullptr,
                    0, NI_NAMEREQD) != 0) {
    return dotted;
  }
  addrinfo hints{};
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* results = nullptr;
  if (::getaddrinfo(host, nullptr, &hints, &results) != 0) return dotted;
  bool confirmed = false;
  for (const addrinfo* ai = results; ai != nullptr; ai = ai->ai_next) {
    if (ai->ai_family != AF_INET) continue;
    sockaddr_in found{};
    std::memcpy(&found, ai->ai_addr, sizeof found);
    if (found.sin_addr.s_addr == sin.sin_addr.s_addr) confirmed = true;
  }
  ::freeaddrinfo(results);
  return confirmed ? std::string(host) : dotted;
}

bool SystemResolver::is_local_address(std::uint32_t ipv4) {
  if (is_loopback(ipv4)) return true;
  UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!fd) return false;
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(ipv4);
  return ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&sin), sizeof sin) == 0;
}

std::string local_host_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name) != 0 || name[0] == '\0') return "localhost";
  name[HOST_NAME_MAX] = '\0';
  return name;
}

}  // namespace talk::platform
