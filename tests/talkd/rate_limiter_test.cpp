// Unit tests of RateLimiter: per-callee interval, per-host cap, independence of hosts.
#include "talkd/rate_limiter.hpp"

#include <gtest/gtest.h>

#include "talkd/fakes.hpp"

namespace talk::talkd {
namespace {

TEST(RateLimiter, OneRingPerCalleePerInterval) {
  testing::FakeClock clock;
  RateLimiter limiter(clock, {});
  EXPECT_TRUE(limiter.allow_ring(1, "bob"));
  EXPECT_FALSE(limiter.allow_ring(1, "bob"));
  EXPECT_TRUE(limiter.allow_ring(1, "carol"));
  EXPECT_TRUE(limiter.allow_ring(2, "bob"));
  clock.advance(std::chrono::seconds(10) - std::chrono::nanoseconds(1));
  EXPECT_FALSE(limiter.allow_ring(1, "bob"));
  clock.advance(std::chrono::nanoseconds(1));
  EXPECT_TRUE(limiter.allow_ring(1, "bob"));
}

TEST(RateLimiter, CapPerHostPerMinute) {
  testing::FakeClock clock;
  RateLimits limits;
  limits.rings_per_host_per_minute = 3;
  RateLimiter limiter(clock, limits);
  EXPECT_TRUE(limiter.allow_ring(1, "a"));
  EXPECT_TRUE(limiter.allow_ring(1, "b"));
  EXPECT_TRUE(limiter.allow_ring(1, "c"));
  EXPECT_FALSE(limiter.allow_ring(1, "d"));
  EXPECT_TRUE(limiter.allow_ring(2, "d"));
  clock.advance(std::chrono::seconds(60));
  EXPECT_TRUE(limiter.allow_ring(1, "d"));
}

TEST(RateLimiter, TrackedHostsAreBounded) {
  testing::FakeClock clock;
  RateLimits limits;
  limits.max_tracked_hosts = 10;
  RateLimiter limiter(clock, limits);
  for (std::uint32_t host = 0; host < 10; ++host) EXPECT_TRUE(limiter.allow_ring(host, "x"));
  EXPECT_FALSE(limiter.allow_ring(99, "x"));
  clock.advance(std::chrono::seconds(61));
  EXPECT_TRUE(limiter.allow_ring(99, "x"));
}

}  // namespace
}  // namespace talk::talkd
