// Socket activation: the LISTEN_PID/LISTEN_FDS protocol of sd_listen_fds(3), read by hand so that
// a start needs no libsystemd.
#include "platform/socket_activation.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>

namespace talk::platform {
namespace {

constexpr int kFirstListenFd = 3;  // SD_LISTEN_FDS_START

std::optional<long> env_number(const char* name) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return std::nullopt;
  long value = 0;
  const std::string_view view(text);
  const auto result = std::from_chars(view.data(), view.data() + view.size(), value);
  if (result.ec != std::errc() || result.ptr != view.data() + view.size()) return std::nullopt;
  return value;
}

}  // namespace

bool socket_activation_requested() {
  return std::getenv("LISTEN_FDS") != nullptr;
}

std::vector<UniqueFd> take_activation_sockets(std::error_code& ec) {
  ec.clear();
  std::vector<UniqueFd> fds;
  int count = 0;
  const auto pid = env_number("LISTEN_PID");
  const auto n = env_number("LISTEN_FDS");
  if (pid && n && *pid == static_cast<long>(::getpid()) && *n > 0 && *n < 64) {
    count = static_cast<int>(*n);
  } else if (std::getenv("LISTEN_FDS") != nullptr && (!n || !pid)) {
    ec = std::make_error_code(std::errc::invalid_argument);
  }
  ::unsetenv("LISTEN_PID");
  ::unsetenv("LISTEN_FDS");
  ::unsetenv("LISTEN_FDNAMES");
  if (ec) return fds;
  for (int fd = kFirstListenFd; fd < kFirstListenFd + count; ++fd) {
    const int flags = ::fcntl(fd, F_GETFD);
    if (flags < 0) {
      ec = {errno, std::generic_category()};
      return {};
    }
    ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
    fds.emplace_back(fd);
  }
  return fds;
}

}  // namespace talk::platform
