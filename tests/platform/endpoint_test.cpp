// Tests of IPv4 endpoint formatting and parsing, and of UniqueFd's ownership rules.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include "platform/endpoint.hpp"
#include "platform/unique_fd.hpp"

namespace talk::platform {
namespace {

TEST(Endpoint, FormatsDottedQuads) {
  EXPECT_EQ(format_ipv4(0), "0.0.0.0");
  EXPECT_EQ(format_ipv4(kLoopbackAddress), "127.0.0.1");
  EXPECT_EQ(format_ipv4(0xc0a80a14), "192.168.10.20");
  EXPECT_EQ(format_ipv4(0xffffffff), "255.255.255.255");
  EXPECT_EQ(format_endpoint({kLoopbackAddress, 518}), "127.0.0.1:518");
  EXPECT_EQ(format_endpoint({0x0a000001, 65535}), "10.0.0.1:65535");
}

TEST(Endpoint, ParsesDottedQuads) {
  EXPECT_EQ(parse_ipv4("127.0.0.1"), kLoopbackAddress);
  EXPECT_EQ(parse_ipv4("0.0.0.0"), 0U);
  EXPECT_EQ(parse_ipv4("255.255.255.255"), 0xffffffffU);
  EXPECT_EQ(parse_ipv4("192.168.10.20"), 0xc0a80a14U);
}

TEST(Endpoint, RejectsEverythingElse) {
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "a.b.c.d", " 1.2.3.4", "1.2.3.4 ",
                          "1.2.3.4:518", "::1", "localhost", "0x7f.0.0.1"}) {
    EXPECT_FALSE(parse_ipv4(bad).has_value()) << bad;
  }
  EXPECT_FALSE(parse_ipv4(std::string_view("1.2.3.4\0junk", 12)).has_value());
}

TEST(Endpoint, FormatAndParseAgree) {
  for (const std::uint32_t a : {0U, 1U, 0x7f000001U, 0x01020304U, 0x80000000U, 0xfffffffeU}) {
    EXPECT_EQ(parse_ipv4(format_ipv4(a)), a);
  }
}

TEST(Endpoint, LoopbackIsTheWholeSlashEight) {
  EXPECT_TRUE(is_loopback(kLoopbackAddress));
  EXPECT_TRUE(is_loopback(0x7f000000));
  EXPECT_TRUE(is_loopback(0x7fffffff));
  EXPECT_FALSE(is_loopback(0x80000001));
  EXPECT_FALSE(is_loopback(0x7e000001));
  EXPECT_FALSE(is_loopback(0));
}

bool is_open(int fd) {
  return ::fcntl(fd, F_GETFD) != -1;
}

TEST(UniqueFd, ClosesOnDestructionAndReset) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  {
    UniqueFd r(fds[0]);
    UniqueFd w(fds[1]);
    EXPECT_TRUE(r.valid());
    w.reset();
    EXPECT_FALSE(w.valid());
    EXPECT_FALSE(is_open(fds[1]));
    EXPECT_TRUE(is_open(fds[0]));
  }
  EXPECT_FALSE(is_open(fds[0]));
}

TEST(UniqueFd, MoveTransfersAndReleaseGivesUp) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  UniqueFd a(fds[0]);
  UniqueFd b(std::move(a));
  EXPECT_FALSE(a.valid());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_EQ(b.get(), fds[0]);
  UniqueFd c(fds[1]);
  c = std::move(b);  // closes fds[1]
  EXPECT_FALSE(is_open(fds[1]));
  EXPECT_EQ(c.get(), fds[0]);
  const int raw = c.release();
  EXPECT_FALSE(c.valid());
  EXPECT_TRUE(is_open(raw));
  ::close(raw);
}

}  // namespace
}  // namespace talk::platform
