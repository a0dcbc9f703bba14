// One wait on several descriptors (poll(2)) for the client's event loop.
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <system_error>

namespace talk::platform {

struct PollEntry {
  int fd = -1;  // negative: ignored
  bool want_read = false;
  bool want_write = false;
  // Results:
  bool readable = false;
  bool writable = false;
  bool failed = false;  // POLLERR/POLLHUP/POLLNVAL: a read or write will report what happened
};

/// Waits until an entry is ready or `timeout` passes (nullopt: no limit). An interrupted wait
/// returns with no entry ready and no error.
std::error_code poll_entries(std::span<PollEntry> entries,
                             std::optional<std::chrono::milliseconds> timeout);

}  // namespace talk::platform
