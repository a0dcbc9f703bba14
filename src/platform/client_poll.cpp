// poll_entries over poll(2).
#include "platform/client_poll.hpp"

#include <poll.h>

#include <array>
#include <cerrno>
#include <vector>

namespace talk::platform {

std::error_code poll_entries(std::span<PollEntry> entries,
                             std::optional<std::chrono::milliseconds> timeout) {
  // A client polls a dozen descriptors at most: no heap allocation per wake-up for those.
  std::array<pollfd, 16> small{};
  std::vector<pollfd> large;
  std::span<pollfd> fds(small.data(), entries.size());
  if (entries.size() > small.size()) {
    large.resize(entries.size());
    fds = large;
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    fds[i].fd = entries[i].fd;
    fds[i].events = static_cast<short>((entries[i].want_read ? POLLIN : 0) |
                                       (entries[i].want_write ? POLLOUT : 0));
    entries[i].readable = entries[i].writable = entries[i].failed = false;
  }
  int ms = -1;
  if (timeout)
    ms = static_cast<int>(std::max<long long>(0, std::min<long long>(timeout->count(), 60000)));
  const int rc = ::poll(fds.data(), fds.size(), ms);
  if (rc < 0)
    return errno == EINTR ? std::error_code{} : std::error_code{errno, std::generic_category()};
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].readable = (fds[i].revents & POLLIN) != 0;
    entries[i].writable = (fds[i].revents & POLLOUT) != 0;
    entries[i].failed = (fds[i].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0;
  }
  return {};
}

}  // namespace talk::platform
