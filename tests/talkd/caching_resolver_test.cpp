// Unit tests of CachingResolver: names looked up in the background, remembered for the TTL,
// the address standing in after giving up, bounded size.
#include "talkd/caching_resolver.hpp"

#include <gtest/gtest.h>

#include "talkd/fakes.hpp"

namespace talk::talkd {
namespace {

class CountingLocality final : public platform::Resolver {
 public:
  std::string verified_name(std::uint32_t) override { return "unused"; }
  bool is_local_address(std::uint32_t ipv4) override {
    ++local_calls;
    return ipv4 == 1;
  }
  int local_calls = 0;
};

class CachingResolverTest : public ::testing::Test {
 protected:
  CountingLocality locality;
  testing::FakeNameLookups lookups;
  testing::FakeClock clock;
  CachingResolver cache{locality, lookups, clock, std::chrono::seconds(10), 4};
};

TEST_F(CachingResolverTest, AnUnknownNameIsLookedUpOnceAndAnsweredByAddressMeanwhile) {
  EXPECT_FALSE(cache.name_ready(0x0a000007));
  EXPECT_FALSE(cache.name_ready(0x0a000007));
  EXPECT_EQ(cache.verified_name(0x0a000007), "10.0.0.7");
  EXPECT_EQ(lookups.started, (std::vector<std::uint32_t>{0x0a000007}));
  lookups.finish(0x0a000007, "seven.example");
  EXPECT_EQ(cache.collect(), (std::vector<std::uint32_t>{0x0a000007}));
  EXPECT_TRUE(cache.name_ready(0x0a000007));
  EXPECT_EQ(cache.verified_name(0x0a000007), "seven.example");
}

TEST_F(CachingResolverTest, NamesAreLookedUpAgainAfterTheTtl) {
  cache.name_ready(7);
  lookups.finish(7, "seven");
  cache.collect();
  clock.advance(std::chrono::seconds(9));
  EXPECT_TRUE(cache.name_ready(7));
  clock.advance(std::chrono::seconds(1));
  EXPECT_FALSE(cache.name_ready(7));
  EXPECT_EQ(lookups.started.size(), 2U);
}

TEST_F(CachingResolverTest, GivingUpUsesTheAddressUntilTheAnswerComes) {
  EXPECT_FALSE(cache.name_ready(0x0a000008));
  cache.give_up(0x0a000008);
  EXPECT_TRUE(cache.name_ready(0x0a000008));
  EXPECT_EQ(cache.verified_name(0x0a000008), "10.0.0.8");
  EXPECT_EQ(lookups.started.size(), 1U);  // not started again while the first runs
  lookups.finish(0x0a000008, "late.example");
  cache.collect();
  EXPECT_EQ(cache.verified_name(0x0a000008), "late.example");
}

TEST_F(CachingResolverTest, LocalityIsCachedForTheTtl) {
  EXPECT_TRUE(cache.is_local_address(1));
  EXPECT_TRUE(cache.is_local_address(1));
  EXPECT_FALSE(cache.is_local_address(2));
  EXPECT_EQ(locality.local_calls, 2);
  clock.advance(std::chrono::seconds(10));
  EXPECT_TRUE(cache.is_local_address(1));
  EXPECT_EQ(locality.local_calls, 3);
}

TEST_F(CachingResolverTest, StaysBounded) {
  for (std::uint32_t host = 0; host < 100; ++host) {
    cache.name_ready(host);
    lookups.finish(host, "h" + std::to_string(host));
    cache.collect();
  }
  EXPECT_EQ(lookups.started.size(), 100U);
  EXPECT_TRUE(cache.name_ready(99));
  EXPECT_EQ(lookups.started.size(), 100U);
  EXPECT_FALSE(cache.name_ready(0));  // dropped to stay within four entries
}

}  // namespace
}  // namespace talk::talkd
