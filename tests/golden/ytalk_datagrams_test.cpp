// Decodes the control datagrams of the ytalk 3.3.0 capture with the talk codec: fake pids,
// +AUTO invitations, ANNOUNCE ids 5, 10, ... and the probes for "ytalk" on 518 and 517.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "golden/vectors_file.hpp"
#include "protocol/codec.hpp"

namespace talk::golden {
namespace {

/// ytalk copies names into its datagrams without clearing the rest of the field, so bytes
/// after a name's NUL may hold leftovers ("+AUTO\0l"); the codec writes zeros there.
std::vector<std::uint8_t> without_leftovers(std::vector<std::uint8_t> bytes) {
  for (const std::size_t at : {std::size_t{44}, std::size_t{56}, std::size_t{68}}) {
    const std::size_t size = at == 68 ? 16 : 12;
    bool after_nul = false;
    for (std::size_t i = at; i < at + size; ++i) {
      if (after_nul) bytes[i] = 0;
      after_nul = after_nul || bytes[i] == 0;
    }
  }
  return bytes;
}

TEST(YtalkDatagrams, RequestsDecodeAndReencode) {
  const VectorFile file = load_golden("ytalk.vectors");
  ASSERT_EQ(file.error, "");
  std::set<std::uint32_t> announce_ids;
  std::set<std::int32_t> pids;
  int auto_invites = 0, probes = 0, leftovers = 0;
  for (const Vector& v : file.vectors) {
    if (!v.request) continue;
    SCOPED_TRACE(v.where());
    if (v.proto == "otalk") {
      const auto d = proto::decode_otalk_message(v.bytes);
      ASSERT_TRUE(d.ok());
      EXPECT_EQ(d.message->l_name, "");
      EXPECT_EQ(d.message->r_name, "ytalk");
      ++probes;
      continue;
    }
    const auto d = proto::decode_ctl_message(v.bytes);
    ASSERT_TRUE(d.ok()) << proto::describe(d.error);
    const proto::CtlMessage& m = *d.message;
    const auto again = proto::encode(m);
    const std::vector<std::uint8_t> clean = without_leftovers(v.bytes);
    EXPECT_EQ(std::vector<std::uint8_t>(again.begin(), again.end()), clean);
    if (clean != v.bytes) ++leftovers;
    if (m.r_name == "ytalk") {
      EXPECT_EQ(m.pid, 0);
      ++probes;
    } else if (m.r_name == "+AUTO" || m.l_name == "+AUTO") {
      if (m.type == proto::RequestType::LeaveInvite) {
        EXPECT_EQ(m.pid, 1);
        ++auto_invites;
      }
    } else {
      pids.insert(m.pid);
    }
    if (m.type == proto::RequestType::Announce) announce_ids.insert(m.id_num);
  }
  EXPECT_EQ(auto_invites, 3);
  EXPECT_GE(probes, 6);  // each ytalk probes both ports
  EXPECT_GT(leftovers, 0);
  EXPECT_EQ(announce_ids, (std::set<std::uint32_t>{5, 10}));
  // one fake pid per (ytalk, peer): (pid << 10) + n
  EXPECT_GE(pids.size(), 5U);
  for (const std::int32_t pid : pids) EXPECT_NE(pid & 0x3ff, 0) << pid;
}

TEST(YtalkDatagrams, ResponsesDecode) {
  const VectorFile file = load_golden("ytalk.vectors");
  ASSERT_EQ(file.error, "");
  int responses = 0;
  for (const Vector& v : file.vectors) {
    if (v.request) continue;
    SCOPED_TRACE(v.where());
    EXPECT_EQ(v.proto, "ntalk");
    const auto d = proto::decode_ctl_response(v.bytes);
    EXPECT_TRUE(d.message.has_value());
    ++responses;
  }
  EXPECT_GE(responses, 20);
}

}  // namespace
}  // namespace talk::golden
