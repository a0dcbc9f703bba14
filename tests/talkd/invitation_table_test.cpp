// Unit tests of InvitationTable: ids, duplicates, look-ups, deletion, expiry, scale.
#include "talkd/invitation_table.hpp"

#include <gtest/gtest.h>

#include <set>

#include "talkd/fakes.hpp"

namespace talk::talkd {
namespace {

using proto::RequestType;
using testing::FakeClock;

Invitation make(const std::string& l, const std::string& r, RequestType type, std::int32_t pid,
                std::uint32_t origin = 0x7f000001) {
  Invitation entry;
  entry.l_name = l;
  entry.r_name = r;
  entry.type = type;
  entry.pid = pid;
  entry.origin = origin;
  entry.addr = proto::make_inet_addr(0x7f000001, 4000);
  return entry;
}

class TableTest : public ::testing::Test {
 protected:
  FakeClock clock;
  InvitationTable table{clock, TableLimits{}};
};

TEST_F(TableTest, IdsStartAtOneAndIncrease) {
  EXPECT_EQ(table.insert(make("a", "b", RequestType::LeaveInvite, 1)).id, 1U);
  EXPECT_EQ(table.insert(make("a", "c", RequestType::LeaveInvite, 1)).id, 2U);
  EXPECT_EQ(table.insert(make("a", "d", RequestType::Announce, 1)).id, 3U);
}

TEST_F(TableTest, IdsWrapAfter15999AndSkipZeroAndIdsInUse) {
  const Invitation& first = table.insert(make("keep", "x", RequestType::LeaveInvite, 1));
  ASSERT_EQ(first.id, 1U);
  for (int i = 2; i <= 15999; ++i) {
    const auto& e = table.insert(make("u" + std::to_string(i), "x", RequestType::LeaveInvite, i));
    ASSERT_EQ(e.id, static_cast<std::uint32_t>(i));
    ASSERT_TRUE(table.erase(e.id, 0x7f000001));
  }
  // 15999 was the last id; 0 is skipped, and 1 is still in use, so the next id is 2.
  EXPECT_EQ(table.insert(make("next", "x", RequestType::LeaveInvite, 1)).id, 2U);
}

TEST_F(TableTest, FindRequestMatchesNamesTypeAndPid) {
  table.insert(make("alice", "bob", RequestType::Announce, 42));
  EXPECT_NE(table.find_request("alice", "bob", RequestType::Announce, 42), nullptr);
  EXPECT_EQ(table.find_request("alice", "bob", RequestType::Announce, 43), nullptr);
  EXPECT_EQ(table.find_request("alice", "bob", RequestType::LeaveInvite, 42), nullptr);
  EXPECT_EQ(table.find_request("bob", "alice", RequestType::Announce, 42), nullptr);
}

TEST_F(TableTest, FindInviteIsComplementaryAndNewestFirst) {
  table.insert(make("alice", "bob", RequestType::LeaveInvite, 1));
  const std::uint32_t newer = table.insert(make("alice", "bob", RequestType::LeaveInvite, 2)).id;
  table.insert(make("alice", "bob", RequestType::Announce, 3));
  const Invitation* found = table.find_invite("alice", "bob");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->id, newer);
  EXPECT_EQ(table.find_invite("bob", "alice"), nullptr);
}

TEST_F(TableTest, ExpiresExactlyAtMaxLife) {
  table.insert(make("alice", "bob", RequestType::LeaveInvite, 1));
  clock.advance(std::chrono::seconds(60) - std::chrono::nanoseconds(1));
  EXPECT_NE(table.find_invite("alice", "bob"), nullptr);  // find_invite does not refresh
  clock.advance(std::chrono::nanoseconds(1));
  EXPECT_EQ(table.find_invite("alice", "bob"), nullptr);
  EXPECT_EQ(table.size(), 0U);
}

TEST_F(TableTest, RefreshRestartsTheLifetime) {
  table.insert(make("alice", "bob", RequestType::Announce, 1));
  clock.advance(std::chrono::seconds(50));
  ASSERT_NE(table.find_request("alice", "bob", RequestType::Announce, 1), nullptr);
  clock.advance(std::chrono::seconds(50));
  EXPECT_NE(table.find_request("alice", "bob", RequestType::Announce, 1), nullptr);
  clock.advance(std::chrono::seconds(60));
  table.expire();
  EXPECT_EQ(table.size(), 0U);
}

TEST_F(TableTest, ConfiguredLifetime) {
  InvitationTable short_table(clock, TableLimits{std::chrono::seconds(5)});
  short_table.insert(make("a", "b", RequestType::LeaveInvite, 1));
  EXPECT_EQ(short_table.time_to_next_expiry(), std::chrono::seconds(5));
  clock.advance(std::chrono::seconds(5));
  short_table.expire();
  EXPECT_EQ(short_table.size(), 0U);
}

TEST_F(TableTest, EraseOnlyFromTheOriginHost) {
  const std::uint32_t id = table.insert(make("a", "b", RequestType::Announce, 1, 0x0a000002)).id;
  EXPECT_FALSE(table.erase(id, 0x0a000003));
  EXPECT_TRUE(table.contains_id(id));
  EXPECT_TRUE(table.erase(id, 0x0a000002));
  EXPECT_FALSE(table.contains_id(id));
  EXPECT_FALSE(table.erase(id, 0x0a000002));
}

TEST_F(TableTest, RenewIdGivesAFreshId) {
  Invitation& entry = table.insert(make("a", "b", RequestType::Announce, 1));
  const std::uint32_t old_id = entry.id;
  table.renew_id(entry);
  EXPECT_NE(entry.id, old_id);
  EXPECT_FALSE(table.contains_id(old_id));
  EXPECT_TRUE(table.contains_id(entry.id));
}

TEST_F(TableTest, PerNamePairCapDropsTheOldest) {
  for (int pid = 0; pid < 40; ++pid) table.insert(make("a", "b", RequestType::Announce, pid));
  EXPECT_EQ(table.size(), TableLimits{}.max_per_name_pair);
  EXPECT_EQ(table.find_request("a", "b", RequestType::Announce, 0), nullptr);
  EXPECT_NE(table.find_request("a", "b", RequestType::Announce, 39), nullptr);
}

TEST_F(TableTest, HundredThousandLiveEntriesStayCheap) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 100000; ++i) {
    table.insert(make("caller" + std::to_string(i), "callee", RequestType::LeaveInvite, i));
  }
  EXPECT_EQ(table.size(), 100000U);
  for (int i = 0; i < 100000; ++i) {
    ASSERT_NE(table.find_invite("caller" + std::to_string(i), "callee"), nullptr);
    ASSERT_NE(
        table.find_request("caller" + std::to_string(i), "callee", RequestType::LeaveInvite, i),
        nullptr);
  }
  // More than 15999 live entries share ids; every id still deletes something.
  std::set<std::uint32_t> seen;
  for (std::uint32_t id = 1; id < proto::kMaxId; ++id) {
    ASSERT_TRUE(table.contains_id(id)) << id;
  }
  EXPECT_FALSE(table.contains_id(0));
  table.insert(make("one-more", "callee", RequestType::LeaveInvite, 1));
  EXPECT_EQ(table.size(), 100000U);  // the cap dropped the oldest
  EXPECT_EQ(table.find_invite("caller0", "callee"), nullptr);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

}  // namespace
}  // namespace talk::talkd
