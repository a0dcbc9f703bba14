// UDP sockets: the DatagramSocket seam and its real implementation over IPv4 (and dual-stack
// IPv6 sockets handed over by inetd or systemd, whose IPv4-mapped peers are unwrapped).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <system_error>

#include "platform/endpoint.hpp"
#include "platform/unique_fd.hpp"

namespace talk::platform {

/// What one receive produced. `size` is the datagram's real length even when it was larger
/// than the buffer (only the buffer's bytes are filled); `source_is_ipv4` is false for a
/// genuine IPv6 peer, which the talk protocols cannot describe.
struct ReceivedDatagram {
  std::size_t size = 0;
  Ipv4Endpoint source;
  bool source_is_ipv4 = true;
};

class DatagramSocket {
 public:
  virtual ~DatagramSocket() = default;
  /// The descriptor to poll for readability.
  virtual int fd() const = 0;
  virtual std::error_code send_to(std::span<const std::uint8_t> bytes, const Ipv4Endpoint& to) = 0;
  /// Non-blocking: std::errc::resource_unavailable_try_again when nothing is queued.
  virtual std::error_code receive(std::span<std::uint8_t> buffer, ReceivedDatagram& out) = 0;
};

class UdpSocket final : public DatagramSocket {
 public:
  UdpSocket() = default;
  /// Opens a non-blocking AF_INET UDP socket bound to `local` (port 0: any).
  static UdpSocket open_bound(const Ipv4Endpoint& local, std::error_code& ec);
  /// Takes over an already-bound socket (inetd's fd 0, systemd's fd 3...), made non-blocking.
  static UdpSocket adopt(UniqueFd fd, std::error_code& ec);
  /// True when `fd` is a datagram socket (what inetd `dgram wait` passes).
  static bool is_datagram_socket(int fd);

  int fd() const override { return fd_.get(); }
  bool valid() const { return fd_.valid(); }
  std::error_code send_to(std::span<const std::uint8_t> bytes, const Ipv4Endpoint& to) override;
  std::error_code receive(std::span<std::uint8_t> buffer, ReceivedDatagram& out) override;

  /// connect(2): fixes the peer, so the kernel reports ICMP port-unreachable as ECONNREFUSED.
  std::error_code connect(const Ipv4Endpoint& peer);
  /// The bound address (getsockname). For an IPv6 socket, the mapped IPv4 part or 0.
  Ipv4Endpoint local_endpoint(std::error_code& ec) const;
  /// The local port the socket is bound to, in host order (works for IPv4 and IPv6).
  std::uint16_t local_port(std::error_code& ec) const;

 private:
  explicit UdpSocket(UniqueFd fd, int family) : fd_(std::move(fd)), family_(family) {}
  UniqueFd fd_;
  int family_ = 0;
};

/// The local address the kernel would use to reach `peer` (UDP connect + getsockname):
/// the address to announce, never a guess from the host name.
std::error_code local_address_towards(std::uint32_t peer, std::uint32_t& local);

}  // namespace talk::platform
