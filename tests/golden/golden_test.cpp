// Decodes every datagram captured from the real peers and re-encodes it byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "golden/vectors_file.hpp"
#include "protocol/answer_text.hpp"
#include "protocol/codec.hpp"

namespace talk::golden {
namespace {

namespace proto = talk::proto;

std::string file_suffix(const ::testing::TestParamInfo<std::string>& param_info) {
  return peer_name(param_info.param);
}

constexpr std::uint32_t kLoopback = 0x7f000001;

std::vector<std::uint8_t> to_vector(std::span<const std::uint8_t> bytes) {
  return {bytes.begin(), bytes.end()};
}

// The reference daemons leave stale or uninitialised bytes in `pad`, in `answer` of a
// LEAVE_INVITE reply and in `addr` of every reply but LOOK_UP/SUCCESS: blank those out.
std::vector<std::uint8_t> mask_junk(std::span<const std::uint8_t> response, bool ntalk) {
  std::vector<std::uint8_t> out = to_vector(response);
  const auto type = static_cast<proto::RequestType>(ntalk ? out[1] : out[0]);
  const auto answer = static_cast<proto::Answer>(ntalk ? out[2] : out[1]);
  if (ntalk) {
    out[3] = 0;                                               // pad
    if (type == proto::RequestType::LeaveInvite) out[2] = 0;  // answer
  }
  if (type != proto::RequestType::LookUp || answer != proto::Answer::Success) {
    std::fill(out.begin() + 8, out.end(), std::uint8_t{0});  // addr
  }
  return out;
}

class GoldenFile : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenFile, ParsesAndCoversEveryRequestType) {
  const VectorFile file = load_golden(GetParam());
  ASSERT_EQ(file.error, "");
  ASSERT_GE(file.vectors.size(), 10U) << "too few captured datagrams in " << file.name;
  std::set<std::string> request_types, response_types, steps, protos;
  for (const Vector& v : file.vectors) {
    (v.request ? request_types : response_types).insert(v.type);
    steps.insert(v.step);
    protos.insert(v.proto + (v.request ? " request" : " response"));
  }
  if (GetParam() == "otalk.vectors") {
    EXPECT_EQ(steps, (std::set<std::string>{"utalk-probe", "utalk-callee"}));
    EXPECT_TRUE(protos.count("otalk request") && protos.count("otalk response"));
    EXPECT_TRUE(request_types.count("LOOK_UP"));
  } else {
    const std::set<std::string> all{"LEAVE_INVITE", "LOOK_UP", "DELETE", "ANNOUNCE"};
    EXPECT_EQ(request_types, all);
    EXPECT_EQ(response_types, all);
    EXPECT_EQ(steps, (std::set<std::string>{"session", "not-here", "refused", "tty"}));
    EXPECT_EQ(protos, (std::set<std::string>{"ntalk request", "ntalk response"}));
  }
}

TEST_P(GoldenFile, RequestsDecodeAndReencodeByteForByte) {
  const VectorFile file = load_golden(GetParam());
  ASSERT_EQ(file.error, "");
  int checked = 0;
  for (const Vector& v : file.vectors) {
    if (!v.request) continue;
    SCOPED_TRACE(v.where());
    EXPECT_EQ(v.src.ip, "127.0.0.1");
    EXPECT_EQ(v.dst.ip, "127.0.0.1");
    if (v.proto == "ntalk") {
      EXPECT_EQ(v.dst.port, proto::kNtalkPort);
      const auto decoded = proto::decode_ctl_message(v.bytes);
      ASSERT_TRUE(decoded.message.has_value());
      EXPECT_TRUE(decoded.ok()) << proto::describe(decoded.error);
      const proto::CtlMessage& m = *decoded.message;
      EXPECT_EQ(proto::request_type_name(m.type), v.type);
      EXPECT_EQ(m.version, proto::kTalkVersion);
      EXPECT_EQ(m.answer, 0);
      EXPECT_EQ(m.pad, 0);
      EXPECT_EQ(m.addr.family, proto::kAfInet);
      EXPECT_EQ(m.ctl_addr, proto::make_inet_addr(kLoopback, v.src.port));
      if (v.step == "tty") {
        EXPECT_EQ(m.r_tty.rfind("pts/", 0), 0U) << m.r_tty;
      } else {
        EXPECT_EQ(m.r_tty, "");
      }
      EXPECT_NE(m.pid, 0);
      EXPECT_EQ(to_vector(proto::encode(m)), v.bytes);
    } else {
      EXPECT_EQ(v.dst.port, proto::kOtalkPort);
      const auto decoded = proto::decode_otalk_message(v.bytes);
      ASSERT_TRUE(decoded.message.has_value());
      EXPECT_TRUE(decoded.ok()) << proto::describe(decoded.error);
      const proto::OtalkMessage& m = *decoded.message;
      EXPECT_EQ(proto::request_type_name(m.type), v.type);
      EXPECT_EQ(m.order, proto::ByteOrder::Big);  // utalk writes network order
      EXPECT_EQ(m.addr.family, proto::kAfInet);
      EXPECT_EQ(m.ctl_addr, proto::make_inet_addr(kLoopback, v.src.port));
      EXPECT_EQ(m.filler, 0);
      EXPECT_EQ(m.r_tty, "");
      EXPECT_EQ(to_vector(proto::encode(m)), v.bytes);
    }
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST_P(GoldenFile, ResponsesDecodeAndReencodeOutsideTheJunkBytes) {
  const VectorFile file = load_golden(GetParam());
  ASSERT_EQ(file.error, "");
  int checked = 0;
  for (std::size_t i = 0; i < file.vectors.size(); ++i) {
    const Vector& v = file.vectors[i];
    if (v.request) continue;
    SCOPED_TRACE(v.where());
    const Vector* request = request_of(file.vectors, i);
    ASSERT_NE(request, nullptr) << "a response nobody asked for";
    EXPECT_EQ(request->type, v.type);
    const bool ntalk = v.proto == "ntalk";
    EXPECT_EQ(v.src.port, ntalk ? proto::kNtalkPort : proto::kOtalkPort);
    proto::TalkAddr addr;
    proto::Answer answer{};
    if (ntalk) {
      const auto decoded = proto::decode_ctl_response(v.bytes);
      ASSERT_TRUE(decoded.message.has_value());
      EXPECT_TRUE(decoded.ok()) << proto::describe(decoded.error);
      EXPECT_EQ(decoded.message->version, proto::kTalkVersion);
      EXPECT_EQ(proto::request_type_name(decoded.message->type), v.type);
      EXPECT_EQ(mask_junk(proto::encode(*decoded.message), true), mask_junk(v.bytes, true));
      addr = decoded.message->addr;
      answer = decoded.message->answer;
    } else {
      const auto decoded = proto::decode_otalk_response(v.bytes);
      ASSERT_TRUE(decoded.message.has_value());
      EXPECT_TRUE(decoded.ok()) << proto::describe(decoded.error);
      EXPECT_EQ(proto::request_type_name(decoded.message->type), v.type);
      EXPECT_EQ(mask_junk(proto::encode(*decoded.message), false), mask_junk(v.bytes, false));
      addr = decoded.message->addr;
      answer = decoded.message->answer;
    }
    if (v.type == "LOOK_UP" && answer == proto::Answer::Success) {
      EXPECT_EQ(addr.family, proto::kAfInet);
      EXPECT_EQ(addr.ipv4, kLoopback);
      EXPECT_NE(addr.port, 0);
      EXPECT_EQ(addr.zero, (std::array<std::uint8_t, 8>{}));
    }
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

INSTANTIATE_TEST_SUITE_P(Peers, GoldenFile, ::testing::ValuesIn(golden_file_names()), file_suffix);

TEST(VectorsFormat, ParsesFieldsAndAnnotation) {
  const VectorFile f = parse_vectors(
      "x", "# comment\n\nrequest ntalk LOOK_UP s 127.0.0.1:4000 127.0.0.1:518 0a0b # note\n");
  ASSERT_EQ(f.error, "");
  ASSERT_EQ(f.vectors.size(), 1U);
  const Vector& v = f.vectors[0];
  EXPECT_TRUE(v.request);
  EXPECT_EQ(v.proto, "ntalk");
  EXPECT_EQ(v.type, "LOOK_UP");
  EXPECT_EQ(v.step, "s");
  EXPECT_EQ(v.src, (Endpoint{"127.0.0.1", 4000}));
  EXPECT_EQ(v.dst, (Endpoint{"127.0.0.1", 518}));
  EXPECT_EQ(v.bytes, (std::vector<std::uint8_t>{0x0a, 0x0b}));
  EXPECT_EQ(v.annotation, "note");
  EXPECT_EQ(v.line, 3);
}

TEST(VectorsFormat, RejectsMalformedLines) {
  for (const char* bad : {"request ntalk LOOK_UP s 127.0.0.1:1 127.0.0.1:518 0A\n",
                          "request ntalk LOOK_UP s 127.0.0.1:1 127.0.0.1:518 abc\n",
                          "request ntalk LOOK_UP s 127.0.0.1:1 127.0.0.1:518\n",
                          "reply ntalk LOOK_UP s 127.0.0.1:1 127.0.0.1:518 00\n",
                          "request xtalk LOOK_UP s 127.0.0.1:1 127.0.0.1:518 00\n",
                          "request ntalk LOOK_UP s 127.0.0.1 127.0.0.1:518 00\n",
                          "request ntalk LOOK_UP s 127.0.0.1:1 127.0.0.1:70000 00\n",
                          "request ntalk LOOK_UP s 127.0.0.1:1 127.0.0.1:518 00 extra\n"}) {
    EXPECT_NE(parse_vectors("x", bad).error, "") << bad;
  }
}

TEST(VectorsFormat, MissingFileIsAnError) {
  EXPECT_NE(load_golden("absent.vectors").error, "");
}

}  // namespace
}  // namespace talk::golden
