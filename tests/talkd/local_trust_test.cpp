// Unit tests of trust between local addresses: deletion only from the inviting address, and ring
// limits that hold for callers on this host too.
#include <gtest/gtest.h>

#include "talkd/processor_fixture.hpp"

namespace talk::talkd {
namespace {

using proto::Answer;
using proto::RequestType;
using testing::kLocal;
using testing::kRemote;
using testing::ProcessorTest;
using testing::request;

TEST_F(ProcessorTest, DeleteOnlyFromTheExactAddressThatMadeIt) {
  const auto left = process(request(RequestType::LeaveInvite, "alice", "bob"), kLocal);
  EXPECT_EQ(process(request(RequestType::Delete, "bob", "alice", left.id_num), kRemote).answer,
            Answer::NotHere);
  // Other addresses of this host are other origins.
  const platform::Ipv4Endpoint other_local{0x0a000001, 5000};
  const platform::Ipv4Endpoint other_loopback{0x7f000002, 40002};
  EXPECT_EQ(process(request(RequestType::Delete, "alice", "bob", left.id_num), other_local).answer,
            Answer::NotHere);
  EXPECT_EQ(
      process(request(RequestType::Delete, "alice", "bob", left.id_num), other_loopback).answer,
      Answer::NotHere);
  EXPECT_EQ(table.size(), 1U);
  // The same address (from any port) deletes it.
  const platform::Ipv4Endpoint same_address{kLocal.address, 6000};
  EXPECT_EQ(process(request(RequestType::Delete, "alice", "bob", left.id_num), same_address).answer,
            Answer::Success);
  EXPECT_EQ(table.size(), 0U);
  EXPECT_EQ(process(request(RequestType::Delete, "alice", "bob", left.id_num), kLocal).answer,
            Answer::NotHere);
}

TEST_F(ProcessorTest, AnAnnouncementIsDeletedOnlyFromItsOwnLocalAddress) {
  const platform::Ipv4Endpoint other_local{0x0a000001, 5000};
  const auto a = process(request(RequestType::Announce, "alice", "bob"), other_local);
  EXPECT_EQ(process(request(RequestType::Delete, "alice", "bob", a.id_num), kLocal).answer,
            Answer::NotHere);
  EXPECT_EQ(process(request(RequestType::Delete, "alice", "bob", a.id_num), other_local).answer,
            Answer::Success);
}

TEST_F(ProcessorTest, LocalCallersRingACalleeOncePerTenSeconds) {
  // New invitations (other pids) from every address of this host count together.
  const platform::Ipv4Endpoint sources[] = {kLocal, {0x7f000002, 4000}, {0x0a000001, 4001}};
  for (int pid = 0; pid < 30; ++pid) {
    const auto r = process(request(RequestType::Announce, "alice", "bob", 0, pid),
                           sources[static_cast<std::size_t>(pid) % 3]);
    EXPECT_EQ(r.answer, Answer::Success);
  }
  EXPECT_EQ(ttys.writes.size(), 1U);
  clock.advance(std::chrono::seconds(10));
  process(request(RequestType::Announce, "alice", "bob", 0, 100), kLocal);
  EXPECT_EQ(ttys.writes.size(), 2U);
  // A client re-ringing every 30 s is never held back.
  for (int i = 0; i < 4; ++i) {
    clock.advance(std::chrono::seconds(30));
    process(request(RequestType::Announce, "alice", "bob", 0xffffffff, 100), kLocal);
  }
  EXPECT_EQ(ttys.writes.size(), 6U);
}

TEST_F(ProcessorTest, ACallRightAfterAnAnsweredOneRings) {
  process(request(RequestType::LeaveInvite, "alice", "bob", 0, 7), kLocal);
  process(request(RequestType::Announce, "alice", "bob", 0, 7), kLocal);
  EXPECT_EQ(ttys.writes.size(), 1U);
  // Unanswered, a new call within 10 s does not ring.
  process(request(RequestType::Announce, "alice", "bob", 0, 8), kLocal);
  EXPECT_EQ(ttys.writes.size(), 1U);
  // bob answers (finds alice's invitation); alice hangs up and calls again at once: it rings.
  const platform::Ipv4Endpoint bob_side{kLocal.address, 7000};
  EXPECT_EQ(process(request(RequestType::LookUp, "bob", "alice"), bob_side).answer,
            Answer::Success);
  process(request(RequestType::Announce, "alice", "bob", 0, 9), kLocal);
  EXPECT_EQ(ttys.writes.size(), 2U);
}

TEST_F(ProcessorTest, LocalCallersShareThePerMinuteCap) {
  for (int i = 0; i < 25; ++i) {
    users.users["u" + std::to_string(i)] = {static_cast<uid_t>(2000 + i), 100, "/home/u"};
    utmp.add("u" + std::to_string(i), "pts/" + std::to_string(10 + i));
    ttys.add("pts/" + std::to_string(10 + i), static_cast<uid_t>(2000 + i), true, 1);
    const platform::Ipv4Endpoint loopback{0x7f000001U + static_cast<std::uint32_t>(i), 4000};
    process(request(RequestType::Announce, "alice", "u" + std::to_string(i)), loopback);
  }
  EXPECT_EQ(ttys.writes.size(), RateLimits{}.rings_per_host_per_minute);
}

}  // namespace
}  // namespace talk::talkd
