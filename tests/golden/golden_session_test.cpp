// Checks the captured rendezvous step by step: who asked what, and how the ids and addresses
// of the real daemons' answers relate (LEAVE_INVITE id -> LOOK_UP -> DELETE, re-ring ids, ...).
#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "golden/vectors_file.hpp"
#include "protocol/codec.hpp"

namespace talk::golden {
namespace {

namespace proto = talk::proto;

std::string file_suffix(const ::testing::TestParamInfo<std::string>& param_info) {
  return peer_name(param_info.param);
}
using proto::Answer;
using proto::RequestType;

constexpr std::uint32_t kImpossibleId = 0xffffffffU;  // a first ANNOUNCE / LEAVE_INVITE
constexpr std::uint32_t kLoopback = 0x7f000001;

// One request and the response the daemon sent back to it, in ntalk terms.
struct Exchange {
  const Vector* vector = nullptr;
  proto::CtlMessage request;
  std::optional<proto::CtlResponse> response;
};

std::vector<Exchange> exchanges(const VectorFile& file, const std::string& step) {
  std::vector<Exchange> out;
  std::set<std::size_t> used;
  for (std::size_t i = 0; i < file.vectors.size(); ++i) {
    const Vector& v = file.vectors[i];
    if (!v.request || v.step != step) continue;
    Exchange e;
    e.vector = &v;
    if (v.proto == "ntalk") {
      e.request = proto::decode_ctl_message(v.bytes).message.value_or(proto::CtlMessage{});
    } else {
      const auto otalk = proto::decode_otalk_message(v.bytes).message;
      if (otalk) e.request = proto::to_ctl_message(*otalk);
    }
    for (std::size_t j = i + 1; j < file.vectors.size(); ++j) {
      const Vector& r = file.vectors[j];
      if (r.request || used.count(j) || r.src != v.dst || r.dst != v.src) continue;
      used.insert(j);
      if (r.proto == "ntalk") {
        e.response = proto::decode_ctl_response(r.bytes).message;
      } else if (const auto otalk = proto::decode_otalk_response(r.bytes).message) {
        e.response = proto::to_ctl_response(*otalk);
      }
      break;
    }
    out.push_back(std::move(e));
  }
  return out;
}

// The exchanges whose request came from `l_name` (optionally only of one protocol).
std::vector<Exchange> from(const std::vector<Exchange>& all, const std::string& l_name,
                           const std::string& protocol = "") {
  std::vector<Exchange> out;
  for (const Exchange& e : all) {
    if (e.request.l_name == l_name && (protocol.empty() || e.vector->proto == protocol)) {
      out.push_back(e);
    }
  }
  return out;
}

std::vector<RequestType> types(const std::vector<Exchange>& list) {
  std::vector<RequestType> out;
  out.reserve(list.size());
  for (const Exchange& e : list) out.push_back(e.request.type);
  return out;
}

// Every request got exactly its answer; returns false (with failures) otherwise.
bool all_answered(const std::vector<Exchange>& list) {
  bool ok = true;
  for (const Exchange& e : list) {
    EXPECT_TRUE(e.response.has_value()) << e.vector->where() << " has no response";
    if (!e.response) ok = false;
  }
  return ok;
}

Answer answer_of(const Exchange& e) {
  return e.response->answer;
}

class NtalkPeers : public ::testing::TestWithParam<std::string> {};

TEST_P(NtalkPeers, SessionRendezvousIdsAndAddressesAgree) {
  const VectorFile file = load_golden(GetParam());
  ASSERT_EQ(file.error, "");
  const auto all = exchanges(file, "session");
  ASSERT_TRUE(all_answered(all));
  const auto caller = from(all, "tkalice");
  const auto callee = from(all, "tkbob");
  ASSERT_EQ(caller.size() + callee.size(), all.size()) << "a request from someone else";

  using enum RequestType;
  // check_local, announce_invite, the re-ring after RING_WAIT, then both DELETEs.
  ASSERT_EQ(types(caller), (std::vector<RequestType>{LookUp, Announce, LeaveInvite, Announce,
                                                     LeaveInvite, Delete, Delete}));
  ASSERT_EQ(types(callee), (std::vector<RequestType>{LookUp}));
  for (const Exchange& e : caller) {
    EXPECT_EQ(e.request.r_name, "tkbob") << e.vector->where();
    EXPECT_EQ(e.request.pid, caller[0].request.pid) << e.vector->where();
  }
  EXPECT_EQ(callee[0].request.r_name, "tkalice");
  EXPECT_NE(callee[0].request.pid, caller[0].request.pid);

  EXPECT_EQ(answer_of(caller[0]), Answer::NotHere);  // no invitation from tkbob yet

  const Exchange& announce = caller[1];
  const Exchange& invite = caller[2];
  EXPECT_EQ(announce.request.id_num, kImpossibleId);
  EXPECT_EQ(invite.request.id_num, kImpossibleId);
  EXPECT_EQ(answer_of(announce), Answer::Success);
  const std::uint32_t remote_id = announce.response->id_num;
  const std::uint32_t local_id = invite.response->id_num;
  EXPECT_NE(remote_id, 0U);
  EXPECT_NE(local_id, 0U);
  EXPECT_NE(local_id, remote_id);

  // The caller's TCP rendezvous address travels in ANNOUNCE and LEAVE_INVITE.
  const proto::TalkAddr tcp = invite.request.addr;
  EXPECT_EQ(tcp.family, proto::kAfInet);
  EXPECT_EQ(tcp.ipv4, kLoopback);
  EXPECT_NE(tcp.port, 0);
  EXPECT_EQ(announce.request.addr, tcp);

  // Re-ring: ANNOUNCE with remote_id + 1 forces a new announcement and a new id; the
  // repeated LEAVE_INVITE finds the stored invitation and keeps its id.
  const Exchange& reannounce = caller[3];
  const Exchange& reinvite = caller[4];
  EXPECT_EQ(reannounce.request.id_num, remote_id + 1);
  EXPECT_EQ(answer_of(reannounce), Answer::Success);
  const std::uint32_t new_remote_id = reannounce.response->id_num;
  EXPECT_NE(new_remote_id, remote_id);
  EXPECT_NE(new_remote_id, 0U);
  EXPECT_EQ(reinvite.response->id_num, local_id);
  EXPECT_EQ(reannounce.request.addr, tcp);
  EXPECT_EQ(reinvite.request.addr, tcp);

  // The callee finds the invitation: the LEAVE_INVITE's id and the caller's TCP address.
  EXPECT_EQ(callee[0].request.id_num, 0U);
  EXPECT_EQ(answer_of(callee[0]), Answer::Success);
  EXPECT_EQ(callee[0].response->id_num, local_id);
  EXPECT_EQ(callee[0].response->addr, tcp);

  // After the connection the caller deletes both invitations by id.
  EXPECT_EQ((std::set<std::uint32_t>{caller[5].request.id_num, caller[6].request.id_num}),
            (std::set<std::uint32_t>{local_id, new_remote_id}));
  for (const Exchange& e : {caller[5], caller[6]}) {
    EXPECT_EQ(answer_of(e), Answer::Success) << e.vector->where();
  }
}

// not-here and refused: LOOK_UP finds nothing, ANNOUNCE fails with `expected`, and the
// client quits with DELETEs that find nothing either.
void check_failed_call(const std::string& name, const std::string& step, const std::string& callee,
                       Answer expected) {
  const VectorFile file = load_golden(name);
  ASSERT_EQ(file.error, "");
  const auto all = exchanges(file, step);
  ASSERT_TRUE(all_answered(all));
  ASSERT_GE(all.size(), 2U);
  EXPECT_EQ(all[0].request.type, RequestType::LookUp);
  EXPECT_EQ(answer_of(all[0]), Answer::NotHere);
  EXPECT_EQ(all[1].request.type, RequestType::Announce);
  EXPECT_EQ(all[1].request.id_num, kImpossibleId);
  EXPECT_EQ(answer_of(all[1]), expected);
  for (const Exchange& e : all) {
    SCOPED_TRACE(e.vector->where());
    EXPECT_EQ(e.request.l_name, "tkalice");
    EXPECT_EQ(e.request.r_name, callee);
    EXPECT_NE(e.request.type, RequestType::LeaveInvite);  // nobody to wait for
    if (e.request.type == RequestType::Delete) {
      EXPECT_EQ(answer_of(e), Answer::NotHere);
    }
    if (answer_of(e) != Answer::Success) {
      EXPECT_EQ(e.response->id_num, 0U);
    }
  }
}

TEST_P(NtalkPeers, CallToAbsentUserIsNotHere) {
  check_failed_call(GetParam(), "not-here", "tknobody", Answer::NotHere);
}

TEST_P(NtalkPeers, CallToUserWithMesgNIsPermissionDenied) {
  check_failed_call(GetParam(), "refused", "tkbob", Answer::PermissionDenied);
}

// tty: the caller names the callee's tty; the daemon rings it, and whatever the client deletes
// when it gives up are the ids it was given.
TEST_P(NtalkPeers, CallToNamedTtyCarriesTheTty) {
  const VectorFile file = load_golden(GetParam());
  ASSERT_EQ(file.error, "");
  const auto all = exchanges(file, "tty");
  ASSERT_TRUE(all_answered(all));
  ASSERT_GE(all.size(), 3U);
  using enum RequestType;
  EXPECT_EQ(all[0].request.type, LookUp);
  EXPECT_EQ(answer_of(all[0]), Answer::NotHere);
  EXPECT_EQ(all[1].request.type, Announce);
  EXPECT_EQ(answer_of(all[1]), Answer::Success);
  EXPECT_EQ(all[2].request.type, LeaveInvite);
  const std::set<std::uint32_t> given{all[1].response->id_num, all[2].response->id_num};
  const std::string tty = all[0].request.r_tty;
  EXPECT_EQ(tty.rfind("pts/", 0), 0U) << tty;
  for (const Exchange& e : all) {
    SCOPED_TRACE(e.vector->where());
    EXPECT_EQ(e.request.l_name, "tkalice");
    EXPECT_EQ(e.request.r_name, "tkbob");
    EXPECT_EQ(e.request.r_tty, tty);
    if (e.request.type == Delete) {
      EXPECT_TRUE(given.count(e.request.id_num));
      EXPECT_EQ(answer_of(e), Answer::Success);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Peers, NtalkPeers,
                         ::testing::Values(std::string("netkit.vectors"),
                                           std::string("inetutils.vectors")),
                         file_suffix);

TEST(UtalkPeers, ProbesBothPortsWithItsMagicNames) {
  const VectorFile file = load_golden("otalk.vectors");
  ASSERT_EQ(file.error, "");
  const auto all = exchanges(file, "utalk-probe");
  ASSERT_TRUE(all_answered(all));
  const auto otalk_probe = from(all, "`&&'", "otalk");
  const auto ntalk_probe = from(all, "`&&'", "ntalk");
  ASSERT_EQ(otalk_probe.size(), 1U);
  ASSERT_EQ(ntalk_probe.size(), 1U);
  for (const Exchange& e : {otalk_probe[0], ntalk_probe[0]}) {
    SCOPED_TRACE(e.vector->where());
    EXPECT_EQ(e.request.type, RequestType::LookUp);
    EXPECT_EQ(e.request.r_name, "^_^");
    EXPECT_EQ(answer_of(e), Answer::NotHere);
  }
  EXPECT_EQ(otalk_probe[0].vector->bytes.size(), proto::kOctlMsgSize);
  EXPECT_EQ(otalk_probe[0].vector->dst.port, proto::kOtalkPort);
  EXPECT_EQ(ntalk_probe[0].vector->dst.port, proto::kNtalkPort);
  // then the real LOOK_UP for tkbob on both ports: nobody invited tkalice
  const auto real = from(all, "tkalice");
  ASSERT_EQ(real.size(), 2U);
  for (const Exchange& e : real) {
    EXPECT_EQ(e.request.r_name, "tkbob");
    EXPECT_EQ(answer_of(e), Answer::NotHere);
  }
}

TEST(UtalkPeers, CalleeFindsNetkitInvitationOnlyOnNtalkPort) {
  const VectorFile file = load_golden("otalk.vectors");
  ASSERT_EQ(file.error, "");
  const auto all = exchanges(file, "utalk-callee");
  ASSERT_TRUE(all_answered(all));
  const auto caller = from(all, "tkalice", "ntalk");
  std::optional<Exchange> invite;
  for (const Exchange& e : caller) {
    if (e.request.type == RequestType::LeaveInvite) invite = e;
  }
  ASSERT_TRUE(invite.has_value());
  const auto ntalk_lookup = from(all, "tkbob", "ntalk");
  const auto otalk_lookup = from(all, "tkbob", "otalk");
  ASSERT_EQ(ntalk_lookup.size(), 1U);
  ASSERT_EQ(otalk_lookup.size(), 1U);
  EXPECT_EQ(ntalk_lookup[0].request.r_name, "tkalice");
  EXPECT_EQ(answer_of(ntalk_lookup[0]), Answer::Success);
  EXPECT_EQ(ntalk_lookup[0].response->id_num, invite->response->id_num);
  EXPECT_EQ(ntalk_lookup[0].response->addr, invite->request.addr);
  // in.talkd on 517 is a separate daemon process with its own (empty) table
  EXPECT_EQ(otalk_lookup[0].request.r_name, "tkalice");
  EXPECT_EQ(answer_of(otalk_lookup[0]), Answer::NotHere);
}

}  // namespace
}  // namespace talk::golden
