// Unit tests of CachingResolver: hits within the TTL, refresh after it, bounded size.
#include "talkd/caching_resolver.hpp"

#include <gtest/gtest.h>

#include "talkd/fakes.hpp"

namespace talk::talkd {
namespace {

class CountingResolver final : public platform::Resolver {
 public:
  std::string verified_name(std::uint32_t ipv4) override {
    ++name_calls;
    return "host" + std::to_string(ipv4) + "-" + std::to_string(name_calls);
  }
  bool is_local_address(std::uint32_t ipv4) override {
    ++local_calls;
    return ipv4 == 1;
  }
  int name_calls = 0;
  int local_calls = 0;
};

TEST(CachingResolver, AnswersFromTheCacheUntilTheTtlPasses) {
  CountingResolver inner;
  testing::FakeClock clock;
  CachingResolver cache(inner, clock, std::chrono::seconds(10), 4);
  EXPECT_EQ(cache.verified_name(7), "host7-1");
  EXPECT_EQ(cache.verified_name(7), "host7-1");
  EXPECT_EQ(inner.name_calls, 1);
  clock.advance(std::chrono::seconds(10));
  EXPECT_EQ(cache.verified_name(7), "host7-2");
  EXPECT_TRUE(cache.is_local_address(1));
  EXPECT_TRUE(cache.is_local_address(1));
  EXPECT_FALSE(cache.is_local_address(2));
  EXPECT_EQ(inner.local_calls, 2);
}

TEST(CachingResolver, StaysBounded) {
  CountingResolver inner;
  testing::FakeClock clock;
  CachingResolver cache(inner, clock, std::chrono::seconds(10), 4);
  for (std::uint32_t host = 0; host < 100; ++host) cache.verified_name(host);
  EXPECT_EQ(inner.name_calls, 100);
  cache.verified_name(99);
  EXPECT_EQ(inner.name_calls, 100);
}

}  // namespace
}  // namespace talk::talkd
