// The clock seam: monotonic time for timers and expiry, wall time for texts people read.
#pragma once

#include <chrono>

namespace talk::platform {

class Clock {
 public:
  virtual ~Clock() = default;
  /// Monotonic time: timers, expiry, rate limits.
  virtual std::chrono::steady_clock::time_point steady_now() const = 0;
  /// Wall-clock time: "at 9:05" in announcements, logs.
  virtual std::chrono::system_clock::time_point wall_now() const = 0;
};

/// The real clock.
class SystemClock final : public Clock {
 public:
  std::chrono::steady_clock::time_point steady_now() const override {
    return std::chrono::steady_clock::now();
  }
  std::chrono::system_clock::time_point wall_now() const override {
    return std::chrono::system_clock::now();
  }
};

}  // namespace talk::platform
