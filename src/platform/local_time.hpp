// The local time of day, for "at H:MM" in announcements.
#pragma once

#include <chrono>

namespace talk::platform {

struct LocalClockTime {
  int hour = 0;
  int minute = 0;
};

/// localtime_r of `when` in the process's time zone.
LocalClockTime local_clock_time(std::chrono::system_clock::time_point when);

}  // namespace talk::platform
