// LocalListener and local_request over AF_UNIX SOCK_SEQPACKET.
#include "platform/local_channel.hpp"

#include <array>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace talk::platform {
namespace {

constexpr std::size_t kMaxMessage = 512;

bool fill_address(const std::string& path, sockaddr_un& addr) {
  std::memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path) return false;
  std::memcpy(addr.sun_path, path.data(), path.size());
  return true;
}

}  // namespace

std::optional<std::string> local_request(const std::string& path, std::string_view request,
                                         std::chrono::milliseconds timeout) {
  sockaddr_un addr{};
  if (!fill_address(path, addr)) return std::nullopt;
  UniqueFd fd(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return std::nullopt;
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    return std::nullopt;
  }
  if (::send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return std::nullopt;
  }
  pollfd p{fd.get(), POLLIN, 0};
  int ready = -1;
  for (int attempt = 0; attempt < 3 && ready < 0; ++attempt) {
    ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR) return std::nullopt;
  }
  if (ready <= 0) return std::nullopt;
  std::array<char, kMaxMessage> buffer{};
  const ssize_t got = ::recv(fd.get(), buffer.data(), buffer.size(), 0);
  if (got <= 0) return std::nullopt;
  return std::string(buffer.data(), static_cast<std::size_t>(got));
}

LocalListener LocalListener::open(const std::string& path, unsigned mode, std::error_code& ec) {
  LocalListener listener;
  sockaddr_un addr{};
  if (!fill_address(path, addr)) {
    ec = std::make_error_code(std::errc::filename_too_long);
    return listener;
  }
  UniqueFd fd(::socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) {
    ec = std::error_code(errno, std::generic_category());
    return listener;
  }
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) (void)::unlink(path.c_str());
  if (::bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 ||
      ::chmod(path.c_str(), static_cast<mode_t>(mode)) != 0 || ::listen(fd.get(), 16) != 0) {
    ec = std::error_code(errno, std::generic_category());
    return listener;
  }
  listener.fd_ = std::move(fd);
  listener.path_ = path;
  return listener;
}

LocalListener::~LocalListener() {
  if (fd_ && !path_.empty()) (void)::unlink(path_.c_str());
}

UniqueFd LocalListener::accept() {
  return UniqueFd(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
}

std::optional<std::string> receive_local_message(int fd) {
  std::array<char, kMaxMessage> buffer{};
  const ssize_t got = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
  if (got <= 0) return std::nullopt;
  return std::string(buffer.data(), static_cast<std::size_t>(got));
}

void send_local_message(int fd, std::string_view message) {
  (void)::send(fd, message.data(), message.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

}  // namespace talk::platform
