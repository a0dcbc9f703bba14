// TCP for the talk conversation: a listener for callers and a non-blocking byte stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <system_error>

#include "platform/endpoint.hpp"
#include "platform/unique_fd.hpp"

namespace talk::platform {

/// Reads and writes that never block: std::errc::resource_unavailable_try_again when the
/// descriptor is not ready. A read of 0 bytes without error is the end of the stream.
std::error_code read_some(int fd, std::span<std::uint8_t> buffer, std::size_t& got);
std::error_code write_some(int fd, std::span<const std::uint8_t> bytes, std::size_t& written);

class TcpStream {
 public:
  TcpStream() = default;
  explicit TcpStream(UniqueFd fd) : fd_(std::move(fd)) {}
  /// Starts a non-blocking connect; poll fd() for writability, then call connect_result().
  static TcpStream start_connect(const Ipv4Endpoint& peer, std::error_code& ec);
  /// The outcome of a connect started by start_connect (SO_ERROR).
  std::error_code connect_result() const;
  /// Disables Nagle's algorithm (each keystroke goes out at once) and makes the fd
  /// non-blocking.
  std::error_code prepare_for_conversation();

  int fd() const { return fd_.get(); }
  bool valid() const { return fd_.valid(); }
  std::error_code read(std::span<std::uint8_t> buffer, std::size_t& got) {
    return read_some(fd(), buffer, got);
  }
  std::error_code write(std::span<const std::uint8_t> bytes, std::size_t& written) {
    return write_some(fd(), bytes, written);
  }

 private:
  UniqueFd fd_;
};

class TcpListener {
 public:
  TcpListener() = default;
  /// A non-blocking listener on all IPv4 addresses and an ephemeral port.
  static TcpListener open_any(std::error_code& ec);
  int fd() const { return fd_.get(); }
  std::uint16_t port() const { return port_; }
  /// Accepts one connection; resource_unavailable_try_again when none is waiting.
  TcpStream accept(std::error_code& ec, Ipv4Endpoint& peer);
  void close() { fd_.reset(); }

 private:
  UniqueFd fd_;
  std::uint16_t port_ = 0;
};

}  // namespace talk::platform
