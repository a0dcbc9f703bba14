// local_clock_time: localtime_r.
#include "platform/local_time.hpp"

#include <ctime>

namespace talk::platform {

LocalClockTime local_clock_time(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm parts{};
  if (::localtime_r(&seconds, &parts) == nullptr) return {};
  return {parts.tm_hour, parts.tm_min};
}

}  // namespace talk::platform
