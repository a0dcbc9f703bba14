// Unit tests of RequestProcessor: every request type, duplicates, re-announce, bad input.
#include <gtest/gtest.h>

#include "talkd/processor_fixture.hpp"

namespace talk::talkd {
namespace {

using proto::Answer;
using proto::DecodeError;
using proto::RequestType;
using testing::kLocal;
using testing::kRemote;
using testing::ProcessorTest;
using testing::request;

TEST_F(ProcessorTest, AnnounceRingsTheCalleeAndIssuesAnId) {
  const auto r = process(request(RequestType::Announce, "alice", "bob", 0xffffffff));
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.type, RequestType::Announce);
  EXPECT_EQ(r.answer, Answer::Success);
  EXPECT_EQ(r.id_num, 1U);
  EXPECT_EQ(r.addr, proto::TalkAddr{});
  ASSERT_EQ(ttys.writes.size(), 1U);
  EXPECT_EQ(ttys.writes[0].line, "pts/1");
  EXPECT_NE(ttys.writes[0].bytes.find("Message from Talk_Daemon@here at 12:07 ..."),
            std::string::npos);
  EXPECT_NE(ttys.writes[0].bytes.find("connection requested by alice@peer.example."),
            std::string::npos);
}

TEST_F(ProcessorTest, AnnounceDuplicateIsAnsweredWithoutRinging) {
  const auto first = process(request(RequestType::Announce, "alice", "bob", 0));
  const auto again = process(request(RequestType::Announce, "alice", "bob", 0));
  EXPECT_EQ(again.answer, Answer::Success);
  EXPECT_EQ(again.id_num, first.id_num);
  EXPECT_EQ(ttys.writes.size(), 1U);
}

TEST_F(ProcessorTest, ReAnnounceWithAHigherIdRingsAgainUnderANewId) {
  const auto first = process(request(RequestType::Announce, "alice", "bob", 0));
  clock.advance(std::chrono::seconds(30));  // RING_WAIT: past the per-callee rate limit
  const auto again = process(request(RequestType::Announce, "alice", "bob", first.id_num + 1));
  EXPECT_EQ(again.answer, Answer::Success);
  EXPECT_NE(again.id_num, first.id_num);
  EXPECT_EQ(ttys.writes.size(), 2U);
  // An id equal to the stored one is a duplicate.
  const auto dup = process(request(RequestType::Announce, "alice", "bob", again.id_num));
  EXPECT_EQ(dup.id_num, again.id_num);
  EXPECT_EQ(ttys.writes.size(), 2U);
}

TEST_F(ProcessorTest, ReAnnounceWithinTheRateLimitKeepsTheIdAndDoesNotRing) {
  const auto first = process(request(RequestType::Announce, "alice", "bob", 0xffffffff));
  const auto again = process(request(RequestType::Announce, "alice", "bob", 0xffffffff));
  EXPECT_EQ(again.answer, Answer::Success);
  EXPECT_EQ(again.id_num, first.id_num);
  EXPECT_EQ(ttys.writes.size(), 1U);
}

TEST_F(ProcessorTest, DifferentPidIsANewInvitation) {
  const auto a = process(request(RequestType::Announce, "alice", "bob", 0, 1));
  clock.advance(std::chrono::seconds(11));
  const auto b = process(request(RequestType::Announce, "alice", "bob", 0, 2));
  EXPECT_NE(a.id_num, b.id_num);
  EXPECT_EQ(ttys.writes.size(), 2U);
}

TEST_F(ProcessorTest, AnnounceToSomeoneNotLoggedOnIsNotHere) {
  const auto r = process(request(RequestType::Announce, "alice", "carol"));
  EXPECT_EQ(r.answer, Answer::NotHere);
  EXPECT_EQ(r.id_num, 0U);
  EXPECT_EQ(table.size(), 0U);
}

TEST_F(ProcessorTest, AnnounceToMesgNIsPermissionDenied) {
  ttys.add("pts/1", 1000, false, 10);
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "bob")).answer,
            Answer::PermissionDenied);
  EXPECT_TRUE(ttys.writes.empty());
}

TEST_F(ProcessorTest, AnnounceToAStalledTtyFails) {
  ttys.stalled = true;
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "bob")).answer, Answer::Failed);
}

TEST_F(ProcessorTest, UtalkCallerIsToldToUseUtalk) {
  process(request(RequestType::Announce, "!alice", "bob"));
  ASSERT_EQ(ttys.writes.size(), 1U);
  EXPECT_NE(ttys.writes[0].bytes.find("respond with:  utalk !alice@peer.example"),
            std::string::npos);
}

TEST_F(ProcessorTest, LeaveInviteThenLookUp) {
  auto invite = request(RequestType::LeaveInvite, "alice", "bob", 0xffffffff);
  invite.addr = proto::make_inet_addr(0x7f000001, 3333);
  const auto left = process(invite, kLocal);
  EXPECT_EQ(left.answer, Answer::Success);
  EXPECT_EQ(left.id_num, 1U);
  EXPECT_EQ(left.addr, proto::TalkAddr{});

  const auto found = process(request(RequestType::LookUp, "bob", "alice"), kRemote);
  EXPECT_EQ(found.type, RequestType::LookUp);
  EXPECT_EQ(found.answer, Answer::Success);
  EXPECT_EQ(found.id_num, 1U);
  EXPECT_EQ(found.addr, proto::make_inet_addr(0x7f000001, 3333));
}

TEST_F(ProcessorTest, LookUpFindsAnInvitationThatNamedTheCalleesTty) {
  // `talk bob pts/1`: the caller's tty argument rides in every request it sends. As in the
  // classic daemons, LOOK_UP compares the two names only: not the tty, pid or address.
  auto announce = request(RequestType::Announce, "alice", "bob", 0xffffffff, 500);
  announce.r_tty = "pts/1";
  ASSERT_EQ(process(announce, kLocal).answer, Answer::Success);
  ASSERT_EQ(ttys.writes.size(), 1U);
  EXPECT_EQ(ttys.writes[0].line, "pts/1");
  auto invite = announce;
  invite.type = RequestType::LeaveInvite;
  invite.addr = proto::make_inet_addr(0x7f000001, 4444);
  const auto left = process(invite, kLocal);
  ASSERT_EQ(left.answer, Answer::Success);

  for (const char* tty : {"", "pts/1", "pts/9"}) {
    auto look = request(RequestType::LookUp, "bob", "alice", 0, 600);
    look.r_tty = tty;
    look.addr = proto::TalkAddr{};
    const auto found = process(look, kLocal);
    EXPECT_EQ(found.answer, Answer::Success) << "r_tty \"" << tty << "\"";
    EXPECT_EQ(found.id_num, left.id_num);
    EXPECT_EQ(found.addr, proto::make_inet_addr(0x7f000001, 4444));
  }
}

TEST_F(ProcessorTest, LeaveInviteDuplicateKeepsItsId) {
  const auto a = process(request(RequestType::LeaveInvite, "alice", "bob"), kLocal);
  const auto b = process(request(RequestType::LeaveInvite, "alice", "bob"), kLocal);
  EXPECT_EQ(a.id_num, b.id_num);
  EXPECT_EQ(table.size(), 1U);
}

TEST_F(ProcessorTest, LeaveInviteFromARemoteHostIsRefused) {
  const auto r = process(request(RequestType::LeaveInvite, "alice", "bob"), kRemote);
  EXPECT_EQ(r.answer, Answer::MachineUnknown);
  EXPECT_EQ(table.size(), 0U);
}

TEST_F(ProcessorTest, LookUpWithoutInvitationIsNotHere) {
  const auto r = process(request(RequestType::LookUp, "bob", "alice"));
  EXPECT_EQ(r.answer, Answer::NotHere);
  EXPECT_EQ(r.addr, proto::TalkAddr{});
}

TEST_F(ProcessorTest, LookUpDoesNotFindAnnouncements) {
  process(request(RequestType::Announce, "alice", "bob"));
  EXPECT_EQ(process(request(RequestType::LookUp, "bob", "alice")).answer, Answer::NotHere);
}

TEST_F(ProcessorTest, DeleteOfAnAnnouncementByItsCaller) {
  const auto a = process(request(RequestType::Announce, "alice", "bob"), kRemote);
  EXPECT_EQ(process(request(RequestType::Delete, "alice", "bob", a.id_num), kRemote).answer,
            Answer::Success);
}

TEST_F(ProcessorTest, InvitationsExpire) {
  process(request(RequestType::LeaveInvite, "alice", "bob"), kLocal);
  clock.advance(std::chrono::seconds(60));
  EXPECT_EQ(process(request(RequestType::LookUp, "bob", "alice")).answer, Answer::NotHere);
}

TEST_F(ProcessorTest, DecodeErrorsMapToAnswers) {
  const auto msg = request(RequestType::LookUp, "bob", "alice");
  const std::pair<DecodeError, Answer> cases[] = {
      {DecodeError::BadVersion, Answer::BadVersion},
      {DecodeError::BadAddrFamily, Answer::BadAddr},
      {DecodeError::BadCtlAddrFamily, Answer::BadCtlAddr},
      {DecodeError::UnknownType, Answer::UnknownRequest},
      {DecodeError::UnterminatedName, Answer::Failed},
      {DecodeError::NonPrintableName, Answer::Failed},
  };
  for (const auto& [error, answer] : cases) {
    const auto r = process(msg, kRemote, error);
    EXPECT_EQ(r.answer, answer) << proto::describe(error);
    EXPECT_EQ(r.type, RequestType::LookUp);
    EXPECT_EQ(r.id_num, 0U);
    EXPECT_EQ(r.addr, proto::TalkAddr{});
    EXPECT_EQ(r.version, 1);
  }
  EXPECT_TRUE(ttys.writes.empty());
}

TEST_F(ProcessorTest, UnknownTypeByteIsEchoed) {
  auto msg = request(RequestType::LookUp, "bob", "alice");
  msg.type = static_cast<RequestType>(9);
  const auto r = process(msg, kRemote, DecodeError::UnknownType);
  EXPECT_EQ(static_cast<int>(r.type), 9);
  EXPECT_EQ(r.answer, Answer::UnknownRequest);
}

TEST_F(ProcessorTest, RateLimitPerHostPerMinute) {
  for (int i = 0; i < 25; ++i) {
    users.users["u" + std::to_string(i)] = {static_cast<uid_t>(2000 + i), 100, "/home/u"};
    utmp.add("u" + std::to_string(i), "pts/" + std::to_string(10 + i));
    ttys.add("pts/" + std::to_string(10 + i), static_cast<uid_t>(2000 + i), true, 1);
    EXPECT_EQ(process(request(RequestType::Announce, "alice", "u" + std::to_string(i))).answer,
              Answer::Success);
  }
  EXPECT_EQ(ttys.writes.size(), RateLimits{}.rings_per_host_per_minute);
  // Another host is still served.
  const platform::Ipv4Endpoint other{0x0a000009, 4000};
  process(request(RequestType::Announce, "alice", "bob"), other);
  EXPECT_EQ(ttys.writes.size(), RateLimits{}.rings_per_host_per_minute + 1);
}

TEST_F(ProcessorTest, EveryByteInEveryNameFieldNeverReachesTheTtyRaw) {
  for (int value = 0; value < 256; ++value) {
    for (int field = 0; field < 3; ++field) {
      auto msg = request(RequestType::Announce, "alice", "bob", 0, value * 3 + field);
      std::string* target = field == 0 ? &msg.l_name : field == 1 ? &msg.r_name : &msg.r_tty;
      *target = (field == 1 ? "bob" : "a") + std::string(1, static_cast<char>(value));
      process(msg, {static_cast<std::uint32_t>(0x0b000000 + value * 3 + field), 4000});
    }
  }
  for (const auto& write : ttys.writes) {
    for (std::size_t i = 3; i < write.bytes.size(); ++i) {
      const auto byte = static_cast<std::uint8_t>(write.bytes[i]);
      if (byte == '\r' || byte == '\n') continue;
      ASSERT_GE(byte, 0x20);
      ASSERT_NE(byte, 0x7f);
    }
  }
  EXPECT_FALSE(ttys.writes.empty());
}

TEST_F(ProcessorTest, CutNamesReachTheLongLoginPerProtocol) {
  users.users["christopherx"] = {1003, 1003, "/home/c"};
  utmp.add("christopherx", "pts/7");
  ttys.add("pts/7", 1003, true, 10);
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "christopher")).answer,
            Answer::Success);  // ntalk: 11 bytes
  auto otalk = request(RequestType::Announce, "alice", "christop", 0, 5);
  ASSERT_TRUE(processor);
  const platform::Ipv4Endpoint other{0x0a000005, 4000};  // another host: no rate limit
  EXPECT_EQ(processor->process(otalk, DecodeError::None, other, Wire::Otalk).answer,
            Answer::Success);  // otalk: 8 bytes
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "christop", 0, 6)).answer,
            Answer::NotHere);  // 8 bytes in ntalk are a whole name
  ASSERT_EQ(ttys.writes.size(), 2U);
  EXPECT_EQ(ttys.writes[1].line, "pts/7");
}

TEST_F(ProcessorTest, AFloodOfBadRequestsLogsAtMostAHundredLinesAMinute) {
  const auto msg = request(RequestType::LookUp, "bob", "alice");
  for (int i = 0; i < 1000; ++i) process(msg, kRemote, DecodeError::NonPrintableName);
  EXPECT_EQ(logger.entries.size(), 100U);
  clock.advance(std::chrono::minutes(1));
  process(msg, kRemote, DecodeError::NonPrintableName);
  ASSERT_EQ(logger.entries.size(), 102U);
  EXPECT_EQ(logger.entries[100].message, "900 log messages left out in the last minute");
}

TEST_F(ProcessorTest, AccessDeniedIsFailedAndLogged) {
  std::vector<std::string> problems;
  processor = std::make_unique<RequestProcessor>(
      make_processor(false, AclRules::parse("deny bob any\n", problems)));
  EXPECT_EQ(process(request(RequestType::Announce, "alice", "bob")).answer, Answer::Failed);
  EXPECT_TRUE(ttys.writes.empty());
  bool logged = false;
  for (const auto& entry : logger.entries) {
    logged = logged || entry.message.find("access denied") != std::string::npos;
  }
  EXPECT_TRUE(logged);
}

}  // namespace
}  // namespace talk::talkd
