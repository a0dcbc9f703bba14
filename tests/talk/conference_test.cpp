// Unit tests of the Conference controller with fake actions: who is rung, who only waits, and
// which Import/Export/Accept goes to whom, for the three roles of ytalk's join (the member who
// adds, the member who is told, the newcomer) and for classic talk peers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "talk/conference.hpp"

namespace talk::client {
namespace {
namespace yt = proto::ytalk;

struct FakeActions final : ConferenceActions {
  struct Call {
    std::string who;
    bool ring;
  };
  struct Sent {
    MemberId to;
    yt::Pack pack;
  };
  void call(const Member& m, bool ring) override { calls.push_back({m.user, ring}); }
  void send_pack(MemberId to, const yt::Pack& pack) override { sent.push_back({to, pack}); }
  void drop(MemberId id) override { dropped.push_back(id); }
  void tell(const std::string& text) override { told.push_back(text); }
  std::vector<Call> calls;
  std::vector<Sent> sent;
  std::vector<MemberId> dropped;
  std::vector<std::string> told;
};

PeerProgram talk_ng() {
  return {PeerProgram::Kind::Ytalk, 3, 3, true};
}
PeerProgram classic() {
  return {PeerProgram::Kind::Classic, 0, 0, false};
}
constexpr std::array<std::uint8_t, 4> kLoopback{127, 0, 0, 1};

yt::Pack pack(yt::Code code, const std::string& name, std::uint32_t pid) {
  yt::Pack p;
  p.code = code;
  p.name = name;
  p.host = "here";
  p.pid = pid;
  return p;
}

TEST(Conference, TheAdderImportsTheNewcomerAndAcceptsForTheImporter) {
  FakeActions actions;
  Conference a(actions, "here");
  const MemberId bob = a.add("bob", "");
  a.on_open(bob, talk_ng(), 200, kLoopback);
  EXPECT_TRUE(actions.sent.empty());  // nobody else to tell
  const MemberId carol = a.add("carol", "");
  ASSERT_EQ(actions.calls.size(), 2U);
  EXPECT_TRUE(actions.calls[1].ring);
  a.on_open(carol, talk_ng(), 300, kLoopback);
  ASSERT_EQ(actions.sent.size(), 1U);
  EXPECT_EQ(actions.sent[0].to, bob);
  EXPECT_EQ(actions.sent[0].pack.code, yt::Code::Import);
  EXPECT_EQ(actions.sent[0].pack.name, "carol");
  EXPECT_EQ(actions.sent[0].pack.host, "here");
  EXPECT_EQ(actions.sent[0].pack.pid, 300U);
  EXPECT_EQ(actions.sent[0].pack.host_addr, (std::array<std::uint8_t, 4>{1, 0, 0, 127}));
  // bob agreed: carol is told to connect to bob.
  a.on_pack(bob, pack(yt::Code::Export, "carol", 300));
  ASSERT_EQ(actions.sent.size(), 2U);
  EXPECT_EQ(actions.sent[1].to, carol);
  EXPECT_EQ(actions.sent[1].pack.code, yt::Code::Accept);
  EXPECT_EQ(actions.sent[1].pack.name, "bob");
  EXPECT_EQ(actions.sent[1].pack.pid, 200U);
  // bob and carol later import each other to us: already known, ignored.
  a.on_pack(bob, pack(yt::Code::Import, "carol", 300));
  a.on_pack(carol, pack(yt::Code::Import, "bob", 200));
  EXPECT_EQ(actions.calls.size(), 2U);
  EXPECT_EQ(actions.sent.size(), 2U);
}

TEST(Conference, AnImportedNewcomerIsExpectedSilentlyThenExported) {
  FakeActions actions;
  Conference b(actions, "here");
  const MemberId alice = b.add("alice", "here");  // our own host is this machine
  EXPECT_EQ(b.find(alice)->host, "");
  b.on_open(alice, talk_ng(), 100, kLoopback);
  b.on_pack(alice, pack(yt::Code::Import, "carol", 300));
  ASSERT_EQ(actions.calls.size(), 2U);
  EXPECT_EQ(actions.calls[1].who, "carol");
  EXPECT_FALSE(actions.calls[1].ring);  // no ANNOUNCE: carol connects to us
  EXPECT_TRUE(actions.sent.empty());    // Export only once our invitation stands
  const MemberId carol = b.members().back().id;
  EXPECT_EQ(b.find(carol)->state, MemberState::Expecting);
  b.on_waiting(carol);
  ASSERT_EQ(actions.sent.size(), 1U);
  EXPECT_EQ(actions.sent[0].to, alice);
  EXPECT_EQ(actions.sent[0].pack.code, yt::Code::Export);
  EXPECT_EQ(actions.sent[0].pack.name, "carol");
  b.on_waiting(carol);  // a refreshed invitation does not export again
  EXPECT_EQ(actions.sent.size(), 1U);
  b.on_open(carol, talk_ng(), 300, kLoopback);
  ASSERT_EQ(actions.sent.size(), 2U);  // carol imported back to alice, who ignores it
  EXPECT_EQ(actions.sent[1].to, alice);
  EXPECT_EQ(actions.sent[1].pack.code, yt::Code::Import);
  EXPECT_EQ(b.active(), 2);
}

TEST(Conference, AnAcceptMakesTheNewcomerCallTheImporter) {
  FakeActions actions;
  Conference c(actions, "here");
  const MemberId alice = c.add("alice", "");
  c.on_open(alice, talk_ng(), 100, kLoopback);
  c.on_pack(alice, pack(yt::Code::Accept, "bob", 200));
  ASSERT_EQ(actions.calls.size(), 2U);
  EXPECT_EQ(actions.calls[1].who, "bob");
  EXPECT_FALSE(actions.calls[1].ring);  // a LOOK_UP finds bob's invitation; nobody is rung
  c.on_pack(alice, pack(yt::Code::Accept, "bob", 200));
  EXPECT_EQ(actions.calls.size(), 2U);
}

TEST(Conference, ClassicPeersAreNeverExportedNorTold) {
  FakeActions actions;
  Conference a(actions, "here");
  const MemberId bob = a.add("bob", "");
  a.on_open(bob, classic(), 0, kLoopback);
  const MemberId carol = a.add("carol", "");
  a.on_open(carol, talk_ng(), 300, kLoopback);
  EXPECT_TRUE(actions.sent.empty());
  const MemberId dave = a.add("dave", "");
  a.on_open(dave, talk_ng(), 400, kLoopback);
  ASSERT_EQ(actions.sent.size(), 1U);
  EXPECT_EQ(actions.sent[0].to, carol);
  EXPECT_EQ(actions.sent[0].pack.name, "dave");
  const auto lines = a.listing();
  ASSERT_EQ(lines.size(), 3U);
  EXPECT_EQ(lines[0], "bob@here: connected, classic talk");
  EXPECT_EQ(lines[1], "carol@here: connected, talk-ng");
}

TEST(Conference, HangingUpAndReringing) {
  FakeActions actions;
  Conference a(actions, "here");
  const MemberId bob = a.add("bob", "");
  const MemberId carol = a.add("carol", "");
  a.on_open(bob, talk_ng(), 200, kLoopback);
  a.hang_up(bob);
  EXPECT_EQ(actions.dropped, std::vector<MemberId>{bob});
  EXPECT_EQ(a.find(bob)->state, MemberState::Gone);
  a.on_closed(carol, "not logged in");
  a.rering_unanswered();  // carol never answered: rung again; bob hung up: left alone
  ASSERT_EQ(actions.calls.size(), 3U);
  EXPECT_EQ(actions.calls[2].who, "carol");
  EXPECT_EQ(a.find(carol)->state, MemberState::Calling);
  EXPECT_EQ(a.active(), 1);
  // Adding someone who is already in is a no-op.
  EXPECT_EQ(a.add("carol", ""), carol);
}

TEST(Conference, AMemberCannotGrowTheConferenceWithoutBound) {
  FakeActions actions;
  Conference b(actions, "here");
  const MemberId alice = b.add("alice", "");
  b.on_open(alice, talk_ng(), 100, kLoopback);
  for (std::uint32_t i = 0; i < 100; ++i) {
    b.on_pack(alice, pack(yt::Code::Import, "u" + std::to_string(i), 1000 + i));
  }
  EXPECT_EQ(b.active(), Conference::kMaxMembers);
  EXPECT_EQ(actions.calls.size(), static_cast<std::size_t>(Conference::kMaxMembers));
}

TEST(Conference, TwoSessionsOfOneLoginAreTwoMembers) {
  FakeActions actions;
  Conference b(actions, "here");
  const MemberId alice = b.add("alice", "");
  b.on_open(alice, talk_ng(), 100, kLoopback);
  b.on_pack(alice, pack(yt::Code::Import, "alice", 101));
  EXPECT_EQ(actions.calls.size(), 2U);
}

}  // namespace
}  // namespace talk::client
