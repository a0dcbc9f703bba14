// The waiting seam: block until one of some descriptors is readable or a timeout passes.
#pragma once

#include <chrono>
#include <span>
#include <system_error>

namespace talk::platform {

struct PollItem {
  int fd = -1;
  bool readable = false;  // set by wait()
};

class Poller {
 public:
  virtual ~Poller() = default;
  /// Waits up to `timeout` (negative: forever). EINTR counts as a timeout with nothing ready.
  virtual std::error_code wait(std::span<PollItem> items, std::chrono::milliseconds timeout) = 0;
};

/// poll(2).
class SystemPoller final : public Poller {
 public:
  std::error_code wait(std::span<PollItem> items, std::chrono::milliseconds timeout) override;
};

}  // namespace talk::platform
