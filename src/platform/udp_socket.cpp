// UdpSocket: IPv4 and dual-stack UDP over the BSD socket API.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cerrno>
#include <cstring>

#include "platform/datagram_socket.hpp"

namespace talk::platform {
namespace {

std::error_code last_error() {
  return {errno, std::generic_category()};
}

sockaddr_in to_sockaddr_in(const Ipv4Endpoint& endpoint) {
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(endpoint.port);
  sin.sin_addr.s_addr = htonl(endpoint.address);
  return sin;
}

sockaddr_in6 to_mapped_sockaddr_in6(const Ipv4Endpoint& endpoint) {
  sockaddr_in6 sin6{};
  sin6.sin6_family = AF_INET6;
  sin6.sin6_port = htons(endpoint.port);
  sin6.sin6_addr.s6_addr[10] = 0xff;
  sin6.sin6_addr.s6_addr[11] = 0xff;
  const std::uint32_t net = htonl(endpoint.address);
  std::memcpy(&sin6.sin6_addr.s6_addr[12], &net, sizeof net);
  return sin6;
}

// Fills `out` from a sockaddr_storage; returns false for a non-IPv4, non-mapped peer.
bool from_storage(const sockaddr_storage& storage, Ipv4Endpoint& out) {
  if (storage.ss_family == AF_INET) {
    sockaddr_in sin{};
    std::memcpy(&sin, &storage, sizeof sin);
    out = {ntohl(sin.sin_addr.s_addr), ntohs(sin.sin_port)};
    return true;
  }
  if (storage.ss_family == AF_INET6) {
    sockaddr_in6 sin6{};
    std::memcpy(&sin6, &storage, sizeof sin6);
    out.port = ntohs(sin6.sin6_port);
    if (IN6_IS_ADDR_V4MAPPED(&sin6.sin6_addr)) {
      std::uint32_t net = 0;
      std::memcpy(&net, &sin6.sin6_addr.s6_addr[12], sizeof net);
      out.address = ntohl(net);
      return true;
    }
    out.address = 0;
    return false;
  }
  return false;
}

bool set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

}  // namespace

UdpSocket UdpSocket::open_bound(const Ipv4Endpoint& local, std::error_code& ec) {
  UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) {
    ec = last_error();
    return {};
  }
  const sockaddr_in sin = to_sockaddr_in(local);
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&sin), sizeof sin) != 0) {
    ec = last_error();
    return {};
  }
  ec.clear();
  return UdpSocket(std::move(fd), AF_INET);
}

UdpSocket UdpSocket::adopt(UniqueFd fd, std::error_code& ec) {
  sockaddr_storage storage{};
  socklen_t len = sizeof storage;
  if (::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&storage), &len) != 0 ||
      !set_nonblocking(fd.get())) {
    ec = last_error();
    return {};
  }
  ec.clear();
  const int family = storage.ss_family;
  return UdpSocket(std::move(fd), family);
}

bool UdpSocket::is_datagram_socket(int fd) {
  int type = 0;
  socklen_t len = sizeof type;
  return ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM;
}

std::error_code UdpSocket::send_to(std::span<const std::uint8_t> bytes, const Ipv4Endpoint& to) {
  ssize_t sent = 0;
  if (family_ == AF_INET6) {
    const sockaddr_in6 sin6 = to_mapped_sockaddr_in6(to);
    sent = ::sendto(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL,
                    reinterpret_cast<const sockaddr*>(&sin6), sizeof sin6);
  } else {
    const sockaddr_in sin = to_sockaddr_in(to);
    sent = ::sendto(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL,
                    reinterpret_cast<const sockaddr*>(&sin), sizeof sin);
  }
  if (sent < 0) return last_error();
  if (static_cast<std::size_t>(sent) != bytes.size())
    return std::make_error_code(std::errc::message_size);
  return {};
}

std::error_code UdpSocket::receive(std::span<std::uint8_t> buffer, ReceivedDatagram& out) {
  sockaddr_storage storage{};
  socklen_t len = sizeof storage;
  const ssize_t got = ::recvfrom(fd_.get(), buffer.data(), buffer.size(), MSG_TRUNC,
                                 reinterpret_cast<sockaddr*>(&storage), &len);
  if (got < 0) return last_error();
  out.size = static_cast<std::size_t>(got);
  out.source = {};
  out.source_is_ipv4 = from_storage(storage, out.source);
  return {};
}

std::error_code UdpSocket::connect(const Ipv4Endpoint& peer) {
  int rc = 0;
  if (family_ == AF_INET6) {
    const sockaddr_in6 sin6 = to_mapped_sockaddr_in6(peer);
    rc = ::connect(fd_.get(), reinterpret_cast<const sockaddr*>(&sin6), sizeof sin6);
  } else {
    const sockaddr_in sin = to_sockaddr_in(peer);
    rc = ::connect(fd_.get(), reinterpret_cast<const sockaddr*>(&sin), sizeof sin);
  }
  return rc == 0 ? std::error_code{} : last_error();
}

Ipv4Endpoint UdpSocket::local_endpoint(std::error_code& ec) const {
  sockaddr_storage storage{};
  socklen_t len = sizeof storage;
  Ipv4Endpoint endpoint;
  if (::getsockname(fd_.get(), reinterpret_cast<sockaddr*>(&storage), &len) != 0) {
    ec = last_error();
    return endpoint;
  }
  ec.clear();
  from_storage(storage, endpoint);
  return endpoint;
}

std::uint16_t UdpSocket::local_port(std::error_code& ec) const {
  return local_endpoint(ec).port;
}

std::error_code local_address_towards(std::uint32_t peer, std::uint32_t& local) {
  std::error_code ec;
  UdpSocket probe = UdpSocket::open_bound({0, 0}, ec);
  if (ec) return ec;
  // The port does not matter: connect on UDP sends nothing, it only picks a route.
  if ((ec = probe.connect({peer, 9}))) return ec;
  local = probe.local_endpoint(ec).address;
  return ec;
}

}  // namespace talk::platform
