// Replays the TCP streams of a real three-person ytalk 3.3.0 conversation through the ytalk
// codec: edit bytes, parameter blocks and every out-of-band packet decoded and re-encoded.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "protocol/ytalk.hpp"
#include "protocol/ytalk_stream.hpp"

namespace talk::proto::ytalk {
namespace {

using Wire = std::vector<std::uint8_t>;

struct Segment {
  int line = 0;
  std::string step, src, dst;
  Wire bytes;
};

std::vector<Segment> load_streams() {
  std::ifstream in(std::string(TALK_TEST_DATA_DIR) + "/golden/ytalk.streams");
  std::vector<Segment> segments;
  std::string text;
  int line = 0;
  while (std::getline(in, text)) {
    ++line;
    if (text.empty() || text[0] == '#') continue;
    std::istringstream fields(text);
    std::string kind, hex;
    Segment s;
    s.line = line;
    fields >> kind >> s.step >> s.src >> s.dst >> hex;
    EXPECT_EQ(kind, "stream") << "line " << line;
    EXPECT_EQ(hex.size() % 2, 0U) << "line " << line;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      s.bytes.push_back(static_cast<std::uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
    }
    segments.push_back(s);
  }
  return segments;
}

/// One direction of one TCP connection, in the phases ytalk goes through.
struct Direction {
  std::size_t seen = 0;  // bytes before the deframer takes over (3 edit + 64 y_parm)
  OobDeframer deframer;
};

/// What the replay found, for the checks at the end.
struct Replay {
  std::vector<Parm> parms;
  std::vector<OobMessage> packets;
  std::vector<Wire> texts;
};

Replay replay(const std::vector<Segment>& segments) {
  std::map<std::string, Direction> directions;
  Replay found;
  for (const Segment& s : segments) {
    Direction& d = directions[s.src + ">" + s.dst];
    const std::string where = "ytalk.streams:" + std::to_string(s.line);
    if (d.seen == 0) {
      EXPECT_EQ(s.bytes.size(), 3U) << where;
      EXPECT_TRUE(is_ytalk_erase(s.bytes.at(0))) << where;
      d.seen = 3;
      continue;
    }
    if (d.seen == 3) {
      const ParmDecoded parm = decode_parm(s.bytes);
      EXPECT_TRUE(parm.ok()) << where;
      if (!parm.ok()) continue;
      const auto again = encode(*parm.parm);
      EXPECT_EQ(Wire(again.begin(), again.end()), s.bytes) << where;
      found.parms.push_back(*parm.parm);
      d.seen = 3 + kParmSize;
      continue;
    }
    std::vector<StreamItem> items;
    d.deframer.feed(s.bytes, items);
    EXPECT_FALSE(d.deframer.pending()) << where;
    Wire rebuilt;
    for (const StreamItem& item : items) {
      if (item.kind == StreamItem::Kind::Text) {
        const Wire escaped = escape_text(item.bytes);
        rebuilt.insert(rebuilt.end(), escaped.begin(), escaped.end());
        found.texts.push_back(item.bytes);
        continue;
      }
      const OobDecoded packet = decode_oob(item.bytes);
      EXPECT_TRUE(packet.ok()) << where;
      if (!packet.ok()) continue;
      EXPECT_FALSE(std::holds_alternative<UnknownPacket>(*packet.message)) << where;
      const Wire framed = frame(*packet.message);
      rebuilt.insert(rebuilt.end(), framed.begin(), framed.end());
      found.packets.push_back(*packet.message);
    }
    EXPECT_EQ(rebuilt, s.bytes) << where << " re-encoded";
  }
  return found;
}

std::vector<Pack> packs(const Replay& r, Code code) {
  std::vector<Pack> out;
  for (const auto& m : r.packets) {
    if (const auto* p = std::get_if<Pack>(&m); p != nullptr && p->code == code) out.push_back(*p);
  }
  return out;
}

TEST(YtalkCapture, EverySegmentDecodesAndReencodesByteForByte) {
  const auto segments = load_streams();
  ASSERT_GE(segments.size(), 40U);
  const Replay r = replay(segments);
  EXPECT_EQ(r.parms.size(), 6U);  // three links, a block each way
  EXPECT_GE(r.packets.size(), 10U);
}

TEST(YtalkCapture, ParameterBlocksOfVersion330) {
  const Replay r = replay(load_streams());
  for (const Parm& p : r.parms) {
    EXPECT_EQ(p.protocol, kProtocolNew);
    EXPECT_EQ(p.vmajor, 3);
    EXPECT_EQ(p.vminor, 3);
    EXPECT_EQ(p.cols, 80);
    EXPECT_EQ(p.my_cols, 80);
    EXPECT_NE(p.pid, 0U);
    EXPECT_TRUE(speaks_oob(p));
    EXPECT_TRUE(wants_crlf(p));
  }
}

TEST(YtalkCapture, ThirdPersonJoinsThroughImportExportAccept) {
  const Replay r = replay(load_streams());
  const auto imports = packs(r, Code::Import);
  const auto exports = packs(r, Code::Export);
  const auto accepts = packs(r, Code::Accept);
  ASSERT_EQ(exports.size(), 1U);
  ASSERT_EQ(accepts.size(), 1U);
  ASSERT_GE(imports.size(), 1U);
  // tkalice tells tkbob about tkcarol; tkbob exports tkcarol back; tkalice tells tkcarol to
  // connect to tkbob.
  EXPECT_EQ(imports[0].name, "tkcarol");
  EXPECT_EQ(imports[0].host, "localhost");
  EXPECT_EQ(exports[0].name, imports[0].name);
  EXPECT_EQ(exports[0].pid, imports[0].pid);
  EXPECT_EQ(accepts[0].name, "tkbob");
  // a little-endian ytalk sends 127.0.0.1 with its octets reversed
  EXPECT_EQ(imports[0].host_addr, (std::array<std::uint8_t, 4>{1, 0, 0, 127}));
  EXPECT_EQ(reversed_octets(imports[0].host_addr), (std::array<std::uint8_t, 4>{127, 0, 0, 1}));
  // the pids are those of the parameter blocks
  bool carol_pid_seen = false;
  for (const Parm& p : r.parms) carol_pid_seen = carol_pid_seen || p.pid == imports[0].pid;
  EXPECT_TRUE(carol_pid_seen);
}

TEST(YtalkCapture, WindowSizesAndEscapedText) {
  const Replay r = replay(load_streams());
  int windows = 0;
  for (const auto& m : r.packets) {
    if (const auto* w = std::get_if<Winch>(&m)) {
      EXPECT_TRUE(w->code == Code::MyWindow || w->code == Code::YourWindow);
      EXPECT_EQ(w->cols, 80);
      ++windows;
    }
  }
  EXPECT_GE(windows, 6);
  bool erased = false;
  bool literal_fd = false;
  for (const Wire& t : r.texts) {
    for (std::size_t i = 0; i + 1 < t.size(); ++i) {
      erased = erased || (t[i] == kEraseMarker && t[i + 1] == kEraseMarker);
    }
    for (const auto byte : t) literal_fd = literal_fd || byte == kOobMarker;
  }
  EXPECT_TRUE(erased) << "two backspaces typed by tkbob travel as FE FE";
  EXPECT_TRUE(literal_fd) << "the FD typed by tkcarol travels as FD FD";
}

}  // namespace
}  // namespace talk::proto::ytalk
