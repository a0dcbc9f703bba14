// Tests of the protocol constants, request types, answer codes and their classic texts.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "protocol/answer_text.hpp"
#include "protocol/codec.hpp"
#include "protocol/constants.hpp"

namespace talk::proto {
namespace {

TEST(Constants, SizesMatchTheWireLayouts) {
  EXPECT_EQ(kCtlMsgSize, 84U);
  EXPECT_EQ(kCtlResponseSize, 24U);
  EXPECT_EQ(kOctlMsgSize, 76U);
  EXPECT_EQ(kOctlResponseSize, 24U);
  EXPECT_EQ(kNameSize, 12U);
  EXPECT_EQ(kTtySize, 16U);
  EXPECT_EQ(kOtalkNameSize, 9U);
  EXPECT_EQ(kAddrSize, 16U);
}

TEST(Constants, LayoutSizesAddUp) {
  // vers, type, answer, pad, id, addr, ctl_addr, pid, l_name, r_name, r_tty.
  EXPECT_EQ(4 + 4 + kAddrSize + kAddrSize + 4 + kNameSize + kNameSize + kTtySize, kCtlMsgSize);
  EXPECT_EQ(4 + 4 + kAddrSize, kCtlResponseSize);
  // type, l_name, r_name, filler, id, pid, r_tty, addr, ctl_addr.
  EXPECT_EQ(1 + kOtalkNameSize + kOtalkNameSize + 1 + 4 + 4 + kTtySize + kAddrSize + kAddrSize,
            kOctlMsgSize);
  EXPECT_EQ(1 + 1 + 2 + 4 + kAddrSize, kOctlResponseSize);
}

TEST(Constants, VersionPortsFamilyAndIds) {
  EXPECT_EQ(kTalkVersion, 1);
  EXPECT_EQ(kNtalkPort, 518);
  EXPECT_EQ(kOtalkPort, 517);
  EXPECT_EQ(kAfInet, 2);
  EXPECT_EQ(kMaxId, 16000U);
}

TEST(Constants, Timers) {
  EXPECT_EQ(kMaxLife.count(), 60);
  EXPECT_EQ(kRingWait.count(), 30);
  EXPECT_EQ(kCtlWait.count(), 2);
  EXPECT_EQ(kMaxIdle.count(), 120);
  EXPECT_LT(kRingWait, kMaxLife);  // a re-ring must arrive before the invitation expires
}

TEST(Constants, RequestTypeValues) {
  EXPECT_EQ(static_cast<int>(RequestType::LeaveInvite), 0);
  EXPECT_EQ(static_cast<int>(RequestType::LookUp), 1);
  EXPECT_EQ(static_cast<int>(RequestType::Delete), 2);
  EXPECT_EQ(static_cast<int>(RequestType::Announce), 3);
  for (int t = 0; t <= 255; ++t) {
    EXPECT_EQ(is_known_request_type(static_cast<std::uint8_t>(t)), t <= 3) << t;
  }
}

TEST(Constants, AnswerValues) {
  EXPECT_EQ(static_cast<int>(Answer::Success), 0);
  EXPECT_EQ(static_cast<int>(Answer::NotHere), 1);
  EXPECT_EQ(static_cast<int>(Answer::Failed), 2);
  EXPECT_EQ(static_cast<int>(Answer::MachineUnknown), 3);
  EXPECT_EQ(static_cast<int>(Answer::PermissionDenied), 4);
  EXPECT_EQ(static_cast<int>(Answer::UnknownRequest), 5);
  EXPECT_EQ(static_cast<int>(Answer::BadVersion), 6);
  EXPECT_EQ(static_cast<int>(Answer::BadAddr), 7);
  EXPECT_EQ(static_cast<int>(Answer::BadCtlAddr), 8);
  EXPECT_EQ(kLastOtalkAnswer, Answer::UnknownRequest);
}

TEST(AnswerText, ClassicClientTexts) {
  EXPECT_EQ(answer_text(Answer::Success), "answer #0");
  EXPECT_EQ(answer_text(Answer::NotHere), "Your party is not logged on");
  EXPECT_EQ(answer_text(Answer::Failed), "Target machine is too confused to talk to us");
  EXPECT_EQ(answer_text(Answer::MachineUnknown), "Target machine does not recognize us");
  EXPECT_EQ(answer_text(Answer::PermissionDenied), "Your party is refusing messages");
  EXPECT_EQ(answer_text(Answer::UnknownRequest), "Target machine can not handle remote talk");
  EXPECT_EQ(answer_text(Answer::BadVersion), "Target machine indicates protocol mismatch");
  EXPECT_EQ(answer_text(Answer::BadAddr), "Target machine indicates protocol botch (addr)");
  EXPECT_EQ(answer_text(Answer::BadCtlAddr), "Target machine indicates protocol botch (ctl_addr)");
}

TEST(AnswerText, UnknownCodesGiveTheirNumber) {
  for (int code = 9; code <= 255; ++code) {
    EXPECT_EQ(answer_text(static_cast<Answer>(code)), "answer #" + std::to_string(code));
  }
}

TEST(AnswerText, ProtocolNames) {
  EXPECT_EQ(answer_name(Answer::Success), "SUCCESS");
  EXPECT_EQ(answer_name(Answer::NotHere), "NOT_HERE");
  EXPECT_EQ(answer_name(Answer::Failed), "FAILED");
  EXPECT_EQ(answer_name(Answer::MachineUnknown), "MACHINE_UNKNOWN");
  EXPECT_EQ(answer_name(Answer::PermissionDenied), "PERMISSION_DENIED");
  EXPECT_EQ(answer_name(Answer::UnknownRequest), "UNKNOWN_REQUEST");
  EXPECT_EQ(answer_name(Answer::BadVersion), "BADVERSION");
  EXPECT_EQ(answer_name(Answer::BadAddr), "BADADDR");
  EXPECT_EQ(answer_name(Answer::BadCtlAddr), "BADCTLADDR");
  EXPECT_EQ(answer_name(static_cast<Answer>(9)), "ANSWER_9");
  EXPECT_EQ(answer_name(static_cast<Answer>(17)), "ANSWER_17");
  EXPECT_EQ(answer_name(static_cast<Answer>(255)), "ANSWER_255");
}

TEST(AnswerText, RequestTypeNames) {
  EXPECT_EQ(request_type_name(RequestType::LeaveInvite), "LEAVE_INVITE");
  EXPECT_EQ(request_type_name(RequestType::LookUp), "LOOK_UP");
  EXPECT_EQ(request_type_name(RequestType::Delete), "DELETE");
  EXPECT_EQ(request_type_name(RequestType::Announce), "ANNOUNCE");
  EXPECT_EQ(request_type_name(static_cast<RequestType>(4)), "TYPE_4");
  EXPECT_EQ(request_type_name(static_cast<RequestType>(200)), "TYPE_200");
}

TEST(DecodeErrorText, EveryErrorHasItsOwnDescription) {
  std::set<std::string> seen;
  for (int e = 0; e <= static_cast<int>(DecodeError::NonPrintableName); ++e) {
    const std::string text(describe(static_cast<DecodeError>(e)));
    EXPECT_FALSE(text.empty()) << e;
    EXPECT_TRUE(seen.insert(text).second) << "duplicate description: " << text;
  }
  EXPECT_EQ(seen.size(), 8U);
}

}  // namespace
}  // namespace talk::proto
