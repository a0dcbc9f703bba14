// Bounds how many log lines requests can cause per minute, so a flood of bad datagrams cannot
// fill the system log; what was left out is counted and reported.
#pragma once

#include <chrono>
#include <cstddef>

#include "platform/clock.hpp"

namespace talk::talkd {

class LogThrottle {
 public:
  explicit LogThrottle(const platform::Clock& clock, std::size_t per_minute = 100)
      : clock_(clock), per_minute_(per_minute) {}

  /// True when one more line may be logged now. When a new minute starts after lines were
  /// left out, `left_out` says how many (and is zero otherwise).
  bool admit(std::size_t& left_out);

 private:
  const platform::Clock& clock_;
  std::size_t per_minute_;
  std::chrono::steady_clock::time_point window_start_{};
  bool started_ = false;
  std::size_t in_window_ = 0;
  std::size_t suppressed_ = 0;
};

}  // namespace talk::talkd
