// TcpStream and TcpListener over the BSD socket API.
#include "platform/tcp_socket.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace talk::platform {
namespace {

std::error_code last_error() {
  return {errno, std::generic_category()};
}

}  // namespace

std::error_code read_some(int fd, std::span<std::uint8_t> buffer, std::size_t& got) {
  got = 0;
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n >= 0) {
      got = static_cast<std::size_t>(n);
      return {};
    }
    if (errno != EINTR) return last_error();
  }
}

std::error_code write_some(int fd, std::span<const std::uint8_t> bytes, std::size_t& written) {
  written = 0;
  for (;;) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      written = static_cast<std::size_t>(n);
      return {};
    }
    if (errno == ENOTSOCK) {
      const ssize_t w = ::write(fd, bytes.data(), bytes.size());
      if (w >= 0) {
        written = static_cast<std::size_t>(w);
        return {};
      }
    }
    if (errno != EINTR) return last_error();
  }
}

TcpStream TcpStream::start_connect(const Ipv4Endpoint& peer, std::error_code& ec) {
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd) {
    ec = last_error();
    return {};
  }
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_port = htons(peer.port);
  sin.sin_addr.s_addr = htonl(peer.address);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&sin), sizeof sin) != 0 &&
      errno != EINPROGRESS) {
    ec = last_error();
    return {};
  }
  ec.clear();
  return TcpStream(std::move(fd));
}

std::error_code TcpStream::connect_result() const {
  int error = 0;
  socklen_t len = sizeof error;
  if (::getsockopt(fd(), SOL_SOCKET, SO_ERROR, &error, &len) != 0) return last_error();
  return error == 0 ? std::error_code{} : std::error_code{error, std::generic_category()};
}

std::error_code TcpStream::prepare_for_conversation() {
  const int on = 1;
  if (::setsockopt(fd(), IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0) return last_error();
  const int flags = ::fcntl(fd(), F_GETFL);
  if (flags < 0 || ::fcntl(fd(), F_SETFL, flags | O_NONBLOCK) != 0) return last_error();
  return {};
}

TcpListener TcpListener::open_any(std::error_code& ec) {
  TcpListener listener;
  UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  socklen_t len = sizeof sin;
  if (!fd || ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&sin), sizeof sin) != 0 ||
      ::listen(fd.get(), 5) != 0 ||
      ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&sin), &len) != 0) {
    ec = last_error();
    return listener;
  }
  ec.clear();
  listener.port_ = ntohs(sin.sin_port);
  listener.fd_ = std::move(fd);
  return listener;
}

TcpStream TcpListener::accept(std::error_code& ec, Ipv4Endpoint& peer) {
  sockaddr_in sin{};
  socklen_t len = sizeof sin;
  UniqueFd fd(::accept4(fd_.get(), reinterpret_cast<sockaddr*>(&sin), &len, SOCK_CLOEXEC));
  if (!fd) {
    ec = last_error();
    return {};
  }
  ec.clear();
  peer = {ntohl(sin.sin_addr.s_addr), ntohs(sin.sin_port)};
  return TcpStream(std::move(fd));
}

}  // namespace talk::platform
