// Small helpers for the socket tests: bounded waits and raw sockets made the way inetd does.
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "platform/unique_fd.hpp"

namespace talk::platform::testing {

/// Waits at most `ms` milliseconds for `events` on `fd`; returns the revents (0 on timeout).
inline short wait_for(int fd, short events = POLLIN, int ms = 2000) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, ms) == 1 ? p.revents : 0;
}

inline bool is_nonblocking(int fd) {
  return (::fcntl(fd, F_GETFL) & O_NONBLOCK) != 0;
}

/// A blocking AF_INET6 UDP socket with IPV6_V6ONLY off, bound to `address` (port 0), as
/// inetd or systemd hand one over. Invalid when the host has no IPv6.
inline UniqueFd bound_ipv6_socket(const in6_addr& address, bool v6only = false) {
  UniqueFd fd(::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!fd) return fd;
  const int only = v6only ? 1 : 0;
  if (::setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &only, sizeof only) != 0) return {};
  sockaddr_in6 sin6{};
  sin6.sin6_family = AF_INET6;
  sin6.sin6_addr = address;
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&sin6), sizeof sin6) != 0) return {};
  return fd;
}

inline in6_addr mapped_loopback() {
  in6_addr a{};
  a.s6_addr[10] = 0xff;
  a.s6_addr[11] = 0xff;
  a.s6_addr[12] = 127;
  a.s6_addr[15] = 1;
  return a;
}

}  // namespace talk::platform::testing
