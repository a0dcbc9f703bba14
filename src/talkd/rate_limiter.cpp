// RateLimiter: sliding one-minute windows per host, last ring time per (host, callee).
#include "talkd/rate_limiter.hpp"

namespace talk::talkd {

namespace {
constexpr std::chrono::seconds kWindow{60};
}

RateLimiter::RateLimiter(const platform::Clock& clock, RateLimits limits)
    : clock_(clock), limits_(limits) {}

void RateLimiter::prune(std::chrono::steady_clock::time_point now) {
  for (auto it = hosts_.begin(); it != hosts_.end();) {
    HostState& state = it->second;
    while (!state.rings.empty() && now - state.rings.front() >= kWindow) state.rings.pop_front();
    if (state.rings.empty()) {
      it = hosts_.erase(it);
    } else {
      ++it;
    }
  }
}

bool RateLimiter::allow_ring(std::uint32_t host, const std::string& callee) {
  const auto now = clock_.steady_now();
  if (hosts_.size() >= limits_.max_tracked_hosts && hosts_.find(host) == hosts_.end()) {
    prune(now);
    if (hosts_.size() >= limits_.max_tracked_hosts) return false;
  }
  HostState& state = hosts_[host];
  while (!state.rings.empty() && now - state.rings.front() >= kWindow) state.rings.pop_front();
  const auto last = state.last_ring.find(callee);
  if (last != state.last_ring.end() && now - last->second < limits_.per_callee_interval) {
    return false;
  }
  if (state.rings.size() >= limits_.rings_per_host_per_minute) return false;
  state.rings.push_back(now);
  if (state.rings.size() == 1) state.last_ring.clear();  // older entries are past any window
  state.last_ring[callee] = now;
  return true;
}

void RateLimiter::answered(std::uint32_t host, const std::string& callee) {
  const auto state = hosts_.find(host);
  if (state != hosts_.end()) state->second.last_ring.erase(callee);
}

}  // namespace talk::talkd
