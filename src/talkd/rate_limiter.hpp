// Limits how often a caller host may ring: once per callee per interval, and a cap per minute.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "platform/clock.hpp"

namespace talk::talkd {

struct RateLimits {
  std::chrono::steady_clock::duration per_callee_interval = std::chrono::seconds(10);
  std::size_t rings_per_host_per_minute = 20;
  std::size_t max_tracked_hosts = 4096;  // memory bound under a spoofed-source flood
};

class RateLimiter {
 public:
  RateLimiter(const platform::Clock& clock, RateLimits limits);

  /// True (and counted) when `host` may ring `callee` now.
  bool allow_ring(std::uint32_t host, const std::string& callee);

  /// `callee` answered a ring from `host`: a call right after that conversation may ring at
  /// once (the per-minute cap still counts it).
  void answered(std::uint32_t host, const std::string& callee);

 private:
  struct HostState {
    std::deque<std::chrono::steady_clock::time_point> rings;  // within the last minute
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> last_ring;
  };
  void prune(std::chrono::steady_clock::time_point now);

  const platform::Clock& clock_;
  RateLimits limits_;
  std::unordered_map<std::uint32_t, HostState> hosts_;
};

}  // namespace talk::talkd
