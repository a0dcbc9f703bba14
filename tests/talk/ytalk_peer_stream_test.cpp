// Unit tests of YtalkStream: detection of a ytalk peer by its erase character, the parameter
// block trade, CR LF, escaping, packets, and plain talk peers left as they were.
#include <gtest/gtest.h>

#include <clocale>
#include <string>
#include <variant>
#include <vector>

#include "talk/ytalk_stream.hpp"

namespace talk::client {
namespace {
namespace yt = proto::ytalk;

std::vector<std::uint8_t> bytes_of(const std::string& s) {
  return {s.begin(), s.end()};
}

std::vector<std::uint8_t> hex(const std::string& h) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < h.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoul(h.substr(i, 2), nullptr, 16)));
  }
  return out;
}

// Moves everything `from` has to write into `to`.
void pump(YtalkStream& from, YtalkStream& to) {
  const auto out = bytes_of(from.outbound());
  from.outbound().clear();
  (void)to.on_received(out);
}

const EditChars kMine{0x7f, 0x15, 0x17};

TEST(YtalkStream, SendsTheYtalkEraseMarkerFirst) {
  Pane pane;
  YtalkStream s(pane, true, kMine, our_parm(7, 24, 80, 11, 80));
  EXPECT_EQ(s.outbound(), std::string("\xfe\x15\x17"));
  EXPECT_EQ(s.program().kind, PeerProgram::Kind::Unknown);
}

TEST(YtalkStream, TwoTalkNgStreamsTradeBlocksAndKnowEachOther) {
  if (std::setlocale(LC_CTYPE, "C.UTF-8") == nullptr) GTEST_SKIP() << "no C.UTF-8 locale";
  Pane pa;
  Pane pb;
  YtalkStream a(pa, true, kMine, our_parm(100, 24, 80, 11, 80));
  YtalkStream b(pb, true, kMine, our_parm(200, 30, 100, 14, 100));
  a.queue({{UserEdit::Kind::Text, "héllo", "héllo"}, {UserEdit::Kind::Newline, "", "\n"}});
  pump(a, b);  // a's edit chars (the text is held)
  pump(b, a);  // b's edit chars + b's block
  pump(a, b);  // a's block + the held text
  ASSERT_EQ(a.program().kind, PeerProgram::Kind::Ytalk);
  ASSERT_EQ(b.program().kind, PeerProgram::Kind::Ytalk);
  EXPECT_TRUE(a.program().talk_ng);
  EXPECT_EQ(a.program().describe(), "talk-ng");
  EXPECT_EQ(a.peer_parm()->pid, 200U);
  EXPECT_EQ(b.peer_parm()->pid, 100U);
  EXPECT_EQ(a.peer_rows(), 30);
  EXPECT_EQ(pb.line_text(0), "héllo");
  EXPECT_EQ(pb.line_count(), 2U);  // CR LF made one newline
}

TEST(YtalkStream, AClassicPeerGetsPlainTextAndNoBlock) {
  Pane pane;
  YtalkStream s(pane, true, kMine, our_parm(7, 24, 80, 11, 80));
  s.outbound().clear();
  s.queue({{UserEdit::Kind::Text, "hi", "hi"}});
  EXPECT_TRUE(s.outbound().empty());
  (void)s.on_received(bytes_of("\x7f\x15\x17yo\n"));
  EXPECT_EQ(s.program().kind, PeerProgram::Kind::Classic);
  EXPECT_EQ(s.program().describe(), "classic talk");
  EXPECT_EQ(s.outbound(), "hi");
  s.outbound().clear();
  s.queue({{UserEdit::Kind::Erase, "", "\x7f"}, {UserEdit::Kind::Newline, "", "\n"}});
  EXPECT_EQ(s.outbound(), std::string("\xfe\n"));
  EXPECT_EQ(pane.line_text(0), "yo");
  // A classic peer's stream has no packets: FD bytes are just text (here invalid UTF-8).
  (void)s.on_received(std::vector<std::uint8_t>{0xfd, 0x08, 'x'});
  EXPECT_TRUE(s.take_packs().empty());
}

// tkbob's side of the captured ytalk 3.3.0 conversation, as tkalice received it.
TEST(YtalkStream, ReadsARealYtalkAsTkaliceDid) {
  Pane pane;
  YtalkStream s(pane, true, kMine, our_parm(47, 10, 80, 11, 80));
  (void)s.on_received(hex("fe1517"));
  EXPECT_EQ(s.outbound().size(), 3U + yt::kParmSize);  // our block answers the marker
  (void)s.on_received(
      hex("00001b0000030003000a0050000b0050000000310000000000000000000000000000000000"
          "000000000000000000000000000000000000000000000000000000"));
  ASSERT_EQ(s.program().kind, PeerProgram::Kind::Ytalk);
  EXPECT_EQ(s.program().describe(), "YTalk 3.3");
  EXPECT_EQ(s.peer_parm()->pid, 49U);
  (void)s.on_received(hex("68656c6c6ffefe6f20616c6963650d0a"));
  EXPECT_EQ(pane.line_text(0), "helo alice");
  (void)s.on_received(hex("fd087a00000000060050"));
  EXPECT_EQ(s.peer_rows(), 6);
  (void)s.on_received(
      hex("fd5c650000000100007f00000033746b6361726f6c0000000000000000006c6f63616c686f7374000000"));
  (void)s.on_received(std::vector<std::uint8_t>(52, 0));
  const auto packs = s.take_packs();
  ASSERT_EQ(packs.size(), 1U);
  EXPECT_EQ(packs[0].code, yt::Code::Export);
  EXPECT_EQ(packs[0].name, "tkcarol");
  EXPECT_EQ(packs[0].host, "localhost");
  EXPECT_EQ(packs[0].pid, 51U);
  // Our CR LF and escaped FD go to a 3.3 peer.
  s.outbound().clear();
  s.queue({{UserEdit::Kind::Text, "a\xfd", "a\xfd"}, {UserEdit::Kind::Newline, "", "\n"}});
  EXPECT_EQ(s.outbound(), std::string("a\xfd\xfd\r\n"));
  s.outbound().clear();
  yt::Pack import;
  import.code = yt::Code::Import;
  import.name = "dave";
  import.host = "example.org";
  s.queue_packet(import);
  EXPECT_EQ(s.outbound().size(), 2U + yt::kPackSize);
  EXPECT_EQ(static_cast<std::uint8_t>(s.outbound()[0]), 0xfd);
  EXPECT_EQ(static_cast<std::uint8_t>(s.outbound()[1]), 92);
}

TEST(YtalkStream, AnUnknownProtocolIsRefused) {
  Pane pane;
  YtalkStream s(pane, true, kMine, our_parm(47, 10, 80, 11, 80));
  auto block = std::vector<std::uint8_t>(yt::kParmSize, 0);
  block[2] = 99;
  (void)s.on_received(hex("fe1517"));
  (void)s.on_received(block);
  EXPECT_TRUE(s.refused());
}

TEST(YtalkStream, AnOldYtalkIsATwoPartyTalkerWithoutPackets) {
  Pane pane;
  YtalkStream s(pane, true, kMine, our_parm(47, 10, 80, 11, 80));
  auto block = std::vector<std::uint8_t>(yt::kParmSize, 0);
  block[1] = 80;
  block[2] = yt::kProtocolOld;
  (void)s.on_received(hex("fe1517"));
  (void)s.on_received(block);
  EXPECT_FALSE(s.refused());
  EXPECT_EQ(s.program().vmajor, 2);
  (void)s.on_received(bytes_of("hi\n"));
  EXPECT_EQ(pane.line_text(0), "hi");
  s.outbound().clear();
  s.queue_packet(yt::Pack{});
  EXPECT_TRUE(s.outbound().empty());
}

}  // namespace
}  // namespace talk::client
