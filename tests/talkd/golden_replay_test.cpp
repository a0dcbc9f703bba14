// Replays the requests captured from Debian's netkit and inetutils peers through talkd's
// request handling and compares every answer with the real daemon's, byte for byte, outside
// the bytes those daemons leave uninitialised.
#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "golden/vectors_file.hpp"
#include "protocol/codec.hpp"
#include "talkd/replay_daemons.hpp"

namespace talk::talkd {
namespace {

// The bytes of a response that the reference daemons fill in: everything except pad/filler,
// LEAVE_INVITE's answer, and addr outside LOOK_UP + SUCCESS.
std::vector<bool> compared_bytes(const std::vector<std::uint8_t>& response, bool otalk) {
  std::vector<bool> compare(response.size(), true);
  const std::uint8_t type = otalk ? response[0] : response[1];
  const std::uint8_t answer = otalk ? response[1] : response[2];
  if (otalk) {
    compare[2] = compare[3] = false;
  } else {
    compare[3] = false;
    if (type == 0) compare[2] = false;
  }
  if (!(type == 1 && answer == 0)) {
    for (std::size_t i = 8; i < compare.size(); ++i) compare[i] = false;
  }
  return compare;
}

class GoldenReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenReplay, AnswersLikeTheReferenceDaemon) {
  const golden::VectorFile file = golden::load_golden(GetParam());
  ASSERT_TRUE(file.error.empty()) << file.error;

  testing::FakeWorld world;
  auto& users = world.users;
  auto& utmp = world.utmp;
  auto& ttys = world.ttys;
  users.users["tkalice"] = {1001, 1001, "/home/tkalice"};
  users.users["tkbob"] = {1002, 1002, "/home/tkbob"};
  utmp.add("tkalice", "pts/1");
  ttys.add("pts/1", 1001, true, 100);
  // tkbob is logged on wherever the captured requests name his tty, else on pts/0.
  std::string bob_tty = "pts/0";
  for (const auto& v : file.vectors) {
    if (!v.request || v.bytes.size() != proto::kCtlMsgSize) continue;
    const auto msg = proto::decode_ctl_message(v.bytes).message;
    if (msg && msg->r_name == "tkbob" && !msg->r_tty.empty()) bob_tty = msg->r_tty;
  }
  utmp.add("tkbob", bob_tty);

  testing::ReplayDaemons daemons(world);
  std::map<std::size_t, std::vector<std::uint8_t>> ours;  // request index -> our answer
  std::size_t compared = 0;
  for (std::size_t i = 0; i < file.vectors.size(); ++i) {
    const golden::Vector& v = file.vectors[i];
    if (!v.request) continue;
    ttys.add(bob_tty, 1002, v.step != "refused", 200);
    const auto answer = daemons.send(v);
    ASSERT_TRUE(answer.has_value()) << "no answer to " << v.where();
    EXPECT_EQ(answer->to, testing::endpoint_of(v.src)) << v.where();
    ours[i] = answer->bytes;
  }
  for (std::size_t i = 0; i < file.vectors.size(); ++i) {
    const golden::Vector& v = file.vectors[i];
    if (v.request) continue;
    const golden::Vector* request = golden::request_of(file.vectors, i);
    ASSERT_NE(request, nullptr) << v.where();
    const auto index = static_cast<std::size_t>(request - file.vectors.data());
    const auto& mine = ours.at(index);
    ASSERT_EQ(mine.size(), v.bytes.size()) << v.where();
    const auto compare = compared_bytes(v.bytes, v.proto == "otalk");
    for (std::size_t b = 0; b < mine.size(); ++b) {
      if (compare[b]) {
        EXPECT_EQ(static_cast<int>(mine[b]), static_cast<int>(v.bytes[b]))
            << v.where() << " byte " << b << " (" << v.annotation << ")";
      }
    }
    ++compared;
  }
  EXPECT_GT(compared, 5U);
}

INSTANTIATE_TEST_SUITE_P(Peers, GoldenReplay, ::testing::ValuesIn(golden::golden_file_names()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           return golden::peer_name(param_info.param);
                         });

}  // namespace
}  // namespace talk::talkd
