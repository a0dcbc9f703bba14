// Tests of the conversions between otalk and ntalk messages.
#include <gtest/gtest.h>

#include "protocol/messages.hpp"
#include "sample_datagrams.hpp"

namespace talk::proto {
namespace {

TEST(OtalkToNtalk, RequestKeepsEveryField) {
  OtalkMessage o = testing::sample_otalk_message();
  o.order = ByteOrder::Little;
  o.filler = 0x42;
  const CtlMessage m = to_ctl_message(o);
  EXPECT_EQ(m.version, kTalkVersion);
  EXPECT_EQ(m.type, RequestType::LeaveInvite);
  EXPECT_EQ(m.answer, 0);
  EXPECT_EQ(m.pad, 0);
  EXPECT_EQ(m.id_num, testing::kSampleId);
  EXPECT_EQ(m.pid, testing::kSamplePid);
  EXPECT_EQ(m.addr, o.addr);
  EXPECT_EQ(m.ctl_addr, o.ctl_addr);
  EXPECT_EQ(m.l_name, "carol");
  EXPECT_EQ(m.r_name, "dave");
  EXPECT_EQ(m.r_tty, "tty3");
}

TEST(OtalkToNtalk, UnknownTypeIsCarriedOver) {
  OtalkMessage o = testing::sample_otalk_message();
  o.type = static_cast<RequestType>(6);
  EXPECT_EQ(static_cast<int>(to_ctl_message(o).type), 6);
}

TEST(NtalkToOtalk, RequestCutsNamesToEightBytes) {
  CtlMessage m = testing::sample_ctl_message();
  m.l_name = "abcdefghijk";
  m.r_name = "123456789";
  m.r_tty = "pts/12345678901";
  const OtalkMessage o = to_otalk_message(m);
  EXPECT_EQ(o.l_name, "abcdefgh");
  EXPECT_EQ(o.r_name, "12345678");
  EXPECT_EQ(o.r_tty, "pts/12345678901");
  EXPECT_EQ(o.type, RequestType::Announce);
  EXPECT_EQ(o.id_num, testing::kSampleId);
  EXPECT_EQ(o.pid, testing::kSamplePid);
  EXPECT_EQ(o.addr, m.addr);
  EXPECT_EQ(o.ctl_addr, m.ctl_addr);
  EXPECT_EQ(o.order, ByteOrder::Big);
}

TEST(NtalkToOtalk, ShortNamesSurviveTheRoundTrip) {
  const CtlMessage m = testing::sample_ctl_message();
  EXPECT_EQ(to_ctl_message(to_otalk_message(m)), m);
  const OtalkMessage o = testing::sample_otalk_message();
  EXPECT_EQ(to_otalk_message(to_ctl_message(o)), o);
}

TEST(ResponseConversion, AnswersBeyondOtalkBecomeFailed) {
  for (int answer = 0; answer <= 255; ++answer) {
    CtlResponse r = testing::sample_ctl_response();
    r.answer = static_cast<Answer>(answer);
    const OtalkResponse o = to_otalk_response(r);
    EXPECT_EQ(o.answer, answer <= 5 ? static_cast<Answer>(answer) : Answer::Failed) << answer;
    EXPECT_EQ(o.type, r.type);
    EXPECT_EQ(o.id_num, r.id_num);
    EXPECT_EQ(o.addr, r.addr);
    EXPECT_EQ(o.order, ByteOrder::Big);
  }
}

TEST(ResponseConversion, OtalkResponseToNtalk) {
  OtalkResponse o = testing::sample_otalk_response();
  o.answer = Answer::NotHere;
  o.order = ByteOrder::Little;
  const CtlResponse r = to_ctl_response(o);
  EXPECT_EQ(r.version, kTalkVersion);
  EXPECT_EQ(r.type, RequestType::LookUp);
  EXPECT_EQ(r.answer, Answer::NotHere);
  EXPECT_EQ(r.pad, 0);
  EXPECT_EQ(r.id_num, testing::kSampleId);
  EXPECT_EQ(r.addr, o.addr);
  EXPECT_EQ(to_otalk_response(to_ctl_response(testing::sample_otalk_response())),
            testing::sample_otalk_response());
}

}  // namespace
}  // namespace talk::proto
