// LogThrottle: a fixed one-minute window with a count.
#include "talkd/log_throttle.hpp"

namespace talk::talkd {

bool LogThrottle::admit(std::size_t& left_out) {
  left_out = 0;
  const auto now = clock_.steady_now();
  if (!started_ || now - window_start_ >= std::chrono::minutes(1)) {
    started_ = true;
    window_start_ = now;
    in_window_ = 0;
    left_out = suppressed_;
    suppressed_ = 0;
  }
  if (in_window_ >= per_minute_) {
    ++suppressed_;
    return false;
  }
  ++in_window_;
  return true;
}

}  // namespace talk::talkd
