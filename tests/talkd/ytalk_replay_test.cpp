// Replays the control datagrams of a real three-person ytalk 3.3.0 conversation through
// talkd's request handling: +AUTO invitations with pid 1, one invitation per peer under fake
// pids, client-chosen ANNOUNCE ids and the "ytalk" probes on 518 and 517.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "golden/vectors_file.hpp"
#include "protocol/codec.hpp"
#include "talkd/replay_daemons.hpp"

namespace talk::talkd {
namespace {

/// The response bytes in.ntalkd fills in (as in golden_replay_test): type, answer (not for
/// LEAVE_INVITE), id, and addr only for a successful LOOK_UP.
bool compared(const std::vector<std::uint8_t>& response, std::size_t b) {
  if (b == 3) return false;
  if (b == 2) return response[1] != 0;
  if (b >= 8) return response[1] == 1 && response[2] == 0;
  return true;
}

class YtalkReplay : public ::testing::Test {
 protected:
  void SetUp() override {
    users.users["tkalice"] = {1001, 1001, "/home/tkalice"};
    users.users["tkbob"] = {1002, 1002, "/home/tkbob"};
    users.users["tkcarol"] = {1003, 1003, "/home/tkcarol"};
    utmp.add("tkalice", "pts/1");
    utmp.add("tkbob", "pts/2");
    utmp.add("tkcarol", "pts/3");
    ttys.add("pts/1", 1001, true, 100);
    ttys.add("pts/2", 1002, true, 100);
    ttys.add("pts/3", 1003, true, 100);
  }

  /// Sends every request to the daemon of its port; returns our answer per request index.
  std::map<std::size_t, std::vector<std::uint8_t>> replay(const golden::VectorFile& file) {
    testing::ReplayDaemons daemons(world);
    std::map<std::size_t, std::vector<std::uint8_t>> ours;
    for (std::size_t i = 0; i < file.vectors.size(); ++i) {
      const golden::Vector& v = file.vectors[i];
      if (!v.request) continue;
      const auto answer = daemons.send(v);
      EXPECT_TRUE(answer.has_value()) << "no answer to " << v.where();
      if (answer) ours[i] = answer->bytes;
    }
    return ours;
  }

  testing::FakeWorld world;
  testing::FakeLogins& utmp = world.utmp;
  testing::FakeTtys& ttys = world.ttys;
  testing::FakeUsers& users = world.users;
};

TEST_F(YtalkReplay, AnswersEveryRequestLikeNetkit) {
  const golden::VectorFile file = golden::load_golden("ytalk.vectors");
  ASSERT_TRUE(file.error.empty()) << file.error;
  ASSERT_GE(file.vectors.size(), 40U);
  const auto ours = replay(file);
  std::size_t checked = 0;
  for (std::size_t i = 0; i < file.vectors.size(); ++i) {
    const golden::Vector& v = file.vectors[i];
    if (v.request) continue;
    const golden::Vector* request = golden::request_of(file.vectors, i);
    ASSERT_NE(request, nullptr) << v.where();
    const auto it = ours.find(static_cast<std::size_t>(request - file.vectors.data()));
    ASSERT_NE(it, ours.end()) << v.where();
    ASSERT_EQ(it->second.size(), v.bytes.size()) << v.where();
    for (std::size_t b = 0; b < v.bytes.size(); ++b) {
      if (compared(v.bytes, b)) {
        EXPECT_EQ(static_cast<int>(it->second[b]), static_cast<int>(v.bytes[b]))
            << v.where() << " byte " << b << " (" << v.annotation << ")";
      }
    }
    ++checked;
  }
  EXPECT_GE(checked, 20U);
}

TEST_F(YtalkReplay, YtalkSpecificRequestsSucceed) {
  const golden::VectorFile file = golden::load_golden("ytalk.vectors");
  ASSERT_TRUE(file.error.empty()) << file.error;
  const auto ours = replay(file);
  int auto_invites = 0;
  int probes_517 = 0;
  for (const auto& [index, answer] : ours) {
    const golden::Vector& v = file.vectors[index];
    if (v.proto == "otalk") {
      const auto response = proto::decode_otalk_response(answer);
      ASSERT_TRUE(response.message.has_value()) << v.where();
      EXPECT_EQ(response.message->type, proto::RequestType::LookUp) << v.where();
      ++probes_517;
      continue;
    }
    const auto request = proto::decode_ctl_message(v.bytes);
    ASSERT_TRUE(request.message.has_value()) << v.where();
    if (request.message->type == proto::RequestType::LeaveInvite &&
        request.message->r_name == "+AUTO") {
      EXPECT_EQ(request.message->pid, 1) << v.where();
      EXPECT_EQ(answer[2], 0) << "+AUTO invitation refused: " << v.where();
      ++auto_invites;
    }
  }
  EXPECT_EQ(auto_invites, 3);  // one per ytalk
  EXPECT_GE(probes_517, 3);
}

}  // namespace
}  // namespace talk::talkd
