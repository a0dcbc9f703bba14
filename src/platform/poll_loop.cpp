// SystemPoller: poll(2) over the given descriptors.
#include "platform/poll_loop.hpp"

#include <poll.h>

#include <algorithm>

#include <cerrno>
#include <climits>
#include <vector>

namespace talk::platform {

std::error_code SystemPoller::wait(std::span<PollItem> items, std::chrono::milliseconds timeout) {
  std::vector<pollfd> fds;
  fds.reserve(items.size());
  for (const PollItem& item : items) fds.push_back({item.fd, POLLIN, 0});
  const long long ms = timeout.count() < 0 ? -1 : std::min<long long>(timeout.count(), INT_MAX);
  const int rc = ::poll(fds.data(), fds.size(), static_cast<int>(ms));
  if (rc < 0) {
    if (errno == EINTR) return {};
    return {errno, std::generic_category()};
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    items[i].readable = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
  }
  return {};
}

}  // namespace talk::platform
