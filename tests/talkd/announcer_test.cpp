// Unit tests of format_announcement: exact bytes, padding, utalk callers, sanitizing.
#include "talkd/announcer.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace talk::talkd {
namespace {

TEST(Announcer, ExactClassicBytes) {
  const std::string block = format_announcement({"host", "alice", "example.org", 9, 5});
  // The longest line is 48 bytes, so every line is padded to 50.
  const std::string expected =
      "\a\r\n" + std::string(50, ' ') + "\r\n" + "Message from Talk_Daemon@host at 9:05 ..." +
      std::string(9, ' ') + "\r\n" + "talk: connection requested by alice@example.org." +
      std::string(2, ' ') + "\r\n" + "talk: respond with:  talk alice@example.org" +
      std::string(7, ' ') + "\r\n" + std::string(50, ' ') + "\r\n";
  EXPECT_EQ(block, expected);
}

TEST(Announcer, LinesArePaddedToTheLongestPlusTwo) {
  const std::string block = format_announcement({"h", "bob", "10.1.2.3", 23, 59});
  // Split after the BEL CR LF prefix.
  ASSERT_EQ(block.substr(0, 3), "\a\r\n");
  std::size_t pos = 3;
  std::size_t width = 0;
  int lines = 0;
  while (pos < block.size()) {
    const std::size_t end = block.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    const std::size_t length = end - pos;
    if (width == 0) width = length;
    EXPECT_EQ(length, width);
    pos = end + 2;
    ++lines;
  }
  EXPECT_EQ(lines, 5);
  EXPECT_EQ(width, std::string("talk: connection requested by bob@10.1.2.3.").size() + 2);
  EXPECT_NE(block.find("at 23:59 ..."), std::string::npos);
}

TEST(Announcer, UtalkCallerGetsUtalkInTheRespondLine) {
  const std::string block = format_announcement({"h", "!carol", "peer", 0, 0});
  EXPECT_NE(block.find("talk: respond with:  utalk !carol@peer"), std::string::npos);
  EXPECT_NE(block.find("talk: connection requested by !carol@peer."), std::string::npos);
  EXPECT_NE(block.find("at 0:00 ..."), std::string::npos);
}

// No byte that arrived from the network or DNS may reach the terminal as a control byte:
// the only control bytes in the block are our BEL, CRs and LFs, at their fixed places.
void expect_only_our_controls(const std::string& block) {
  ASSERT_EQ(block.substr(0, 3), "\a\r\n");
  for (std::size_t i = 3; i < block.size(); ++i) {
    const auto byte = static_cast<std::uint8_t>(block[i]);
    if (byte == '\r') {
      ASSERT_LT(i + 1, block.size());
      EXPECT_EQ(block[i + 1], '\n') << "bare CR at " << i;
      continue;
    }
    if (byte == '\n') {
      EXPECT_EQ(block[i - 1], '\r');
      continue;
    }
    EXPECT_GE(byte, 0x20) << "control byte " << int{byte} << " at " << i;
    EXPECT_NE(byte, 0x7f) << "DEL at " << i;
    if (byte == 0xc2 && i + 1 < block.size()) {
      const auto next = static_cast<std::uint8_t>(block[i + 1]);
      EXPECT_FALSE(next >= 0x80 && next <= 0x9f) << "C1 control at " << i;
    }
    EXPECT_FALSE(byte >= 0x80 && byte <= 0x9f &&
                 (i == 0 || static_cast<std::uint8_t>(block[i - 1]) < 0xc0))
        << "raw C1 byte at " << i;
  }
  // Exactly 6 line ends: the prefix and the five lines.
  std::size_t crlf = 0;
  for (std::size_t at = block.find("\r\n"); at != std::string::npos;
       at = block.find("\r\n", at + 2)) {
    ++crlf;
  }
  EXPECT_EQ(crlf, 6U);
}

TEST(Announcer, EveryByteValueInEveryFieldIsSanitized) {
  for (int value = 0; value < 256; ++value) {
    const std::string evil = "x" + std::string(1, static_cast<char>(value)) + "y";
    SCOPED_TRACE(value);
    expect_only_our_controls(format_announcement({evil, "ok", "ok", 1, 1}));
    expect_only_our_controls(format_announcement({"ok", evil, "ok", 1, 1}));
    expect_only_our_controls(format_announcement({"ok", "ok", evil, 1, 1}));
  }
}

TEST(Announcer, EscapeSequencesAreDisarmed) {
  const std::string block = format_announcement({"h", "\x1b[2J\x1b]0;pwned\a",
                                                 "\x9b"
                                                 "31m\r\nfake",
                                                 1, 2});
  EXPECT_EQ(block.find('\x1b'), std::string::npos);
  EXPECT_EQ(block.find("\r\nfake"), std::string::npos);
  expect_only_our_controls(block);
}

TEST(Announcer, LongHostNamesAreKeptWhole) {
  const std::string host(300, 'a');
  const std::string block = format_announcement({"h", "n", host, 1, 2});
  EXPECT_NE(block.find("n@" + host + "."), std::string::npos);
}

}  // namespace
}  // namespace talk::talkd
