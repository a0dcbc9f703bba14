// Tests of UdpSocket::adopt with sockets made the way inetd and systemd pass them: IPv4, and
// dual-stack IPv6 whose IPv4 peers arrive as IPv4-mapped addresses.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>

#include "platform/datagram_socket.hpp"
#include "socket_test_util.hpp"

namespace talk::platform {
namespace {

using testing::wait_for;

constexpr std::array<std::uint8_t, 5> kHello{'h', 'e', 'l', 'l', 'o'};

UdpSocket loopback_socket() {
  std::error_code ec;
  UdpSocket s = UdpSocket::open_bound({kLoopbackAddress, 0}, ec);
  EXPECT_FALSE(ec) << ec.message();
  return s;
}

Ipv4Endpoint endpoint_of(const UdpSocket& s) {
  std::error_code ec;
  return s.local_endpoint(ec);
}

TEST(Adopt, BlockingIpv4SocketBecomesNonBlocking) {
  UniqueFd raw(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  ASSERT_TRUE(raw);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(kLoopbackAddress);
  ASSERT_EQ(::bind(raw.get(), reinterpret_cast<const sockaddr*>(&sin), sizeof sin), 0);
  ASSERT_FALSE(testing::is_nonblocking(raw.get()));
  const int fd = raw.get();
  std::error_code ec;
  UdpSocket s = UdpSocket::adopt(std::move(raw), ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_EQ(s.fd(), fd);
  EXPECT_TRUE(testing::is_nonblocking(fd));
  EXPECT_EQ(endpoint_of(s).address, kLoopbackAddress);

  UdpSocket peer = loopback_socket();
  ASSERT_FALSE(peer.send_to(kHello, endpoint_of(s)));
  ASSERT_TRUE(wait_for(s.fd()) & POLLIN);
  std::array<std::uint8_t, 16> buffer{};
  ReceivedDatagram got;
  ASSERT_FALSE(s.receive(buffer, got));
  EXPECT_EQ(got.size, kHello.size());
  EXPECT_EQ(got.source, endpoint_of(peer));
  EXPECT_EQ(s.receive(buffer, got), std::errc::resource_unavailable_try_again);
}

TEST(Adopt, DualStackSocketUnwrapsMappedIpv4Peers) {
  UniqueFd raw = testing::bound_ipv6_socket(in6addr_any);
  if (!raw) GTEST_SKIP() << "no IPv6 on this host: dual-stack adopt cannot be tested";
  std::error_code ec;
  UdpSocket daemon = UdpSocket::adopt(std::move(raw), ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_TRUE(testing::is_nonblocking(daemon.fd()));
  const std::uint16_t port = daemon.local_port(ec);
  ASSERT_FALSE(ec);
  ASSERT_NE(port, 0);
  EXPECT_EQ(endpoint_of(daemon), (Ipv4Endpoint{0, port}));  // bound to ::, not a mapped address

  UdpSocket client = loopback_socket();
  ASSERT_FALSE(client.send_to(kHello, {kLoopbackAddress, port}));
  ASSERT_TRUE(wait_for(daemon.fd()) & POLLIN);
  std::array<std::uint8_t, 16> buffer{};
  ReceivedDatagram got;
  ASSERT_FALSE(daemon.receive(buffer, got));
  EXPECT_EQ(got.size, kHello.size());
  EXPECT_TRUE(got.source_is_ipv4);
  EXPECT_EQ(got.source, endpoint_of(client));

  // The reply goes back through the IPv6 socket to the plain IPv4 client.
  const std::array<std::uint8_t, 3> reply{1, 2, 3};
  ASSERT_FALSE(daemon.send_to(reply, got.source));
  ASSERT_TRUE(wait_for(client.fd()) & POLLIN);
  ReceivedDatagram back;
  ASSERT_FALSE(client.receive(buffer, back));
  EXPECT_EQ(back.size, 3U);
  EXPECT_EQ(back.source, (Ipv4Endpoint{kLoopbackAddress, port}));
}

TEST(Adopt, SocketBoundToAMappedAddressReportsIt) {
  UniqueFd raw = testing::bound_ipv6_socket(testing::mapped_loopback());
  if (!raw) GTEST_SKIP() << "no IPv6 on this host";
  std::error_code ec;
  UdpSocket s = UdpSocket::adopt(std::move(raw), ec);
  ASSERT_FALSE(ec) << ec.message();
  const Ipv4Endpoint e = s.local_endpoint(ec);
  ASSERT_FALSE(ec);
  EXPECT_EQ(e.address, kLoopbackAddress);
  EXPECT_NE(e.port, 0);
}

TEST(Adopt, GenuineIpv6PeerIsFlagged) {
  UniqueFd raw = testing::bound_ipv6_socket(in6addr_any);
  UniqueFd sender = testing::bound_ipv6_socket(in6addr_loopback, true);
  if (!raw || !sender) GTEST_SKIP() << "no IPv6 loopback on this host";
  std::error_code ec;
  UdpSocket daemon = UdpSocket::adopt(std::move(raw), ec);
  ASSERT_FALSE(ec);
  sockaddr_in6 to{};
  to.sin6_family = AF_INET6;
  to.sin6_addr = in6addr_loopback;
  to.sin6_port = htons(daemon.local_port(ec));
  ASSERT_EQ(::sendto(sender.get(), kHello.data(), kHello.size(), 0,
                     reinterpret_cast<const sockaddr*>(&to), sizeof to),
            static_cast<ssize_t>(kHello.size()));
  ASSERT_TRUE(wait_for(daemon.fd()) & POLLIN);
  std::array<std::uint8_t, 16> buffer{};
  ReceivedDatagram got;
  ASSERT_FALSE(daemon.receive(buffer, got));
  EXPECT_EQ(got.size, kHello.size());
  EXPECT_FALSE(got.source_is_ipv4);
}

TEST(Adopt, NotASocketIsAnError) {
  std::error_code ec;
  UdpSocket none = UdpSocket::adopt(UniqueFd(-1), ec);
  EXPECT_EQ(ec, std::errc::bad_file_descriptor);
  EXPECT_FALSE(none.valid());

  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  UniqueFd write_end(fds[1]);
  UdpSocket pipe_socket = UdpSocket::adopt(UniqueFd(fds[0]), ec);
  EXPECT_EQ(ec, std::errc::not_a_socket);
  EXPECT_FALSE(pipe_socket.valid());
}

}  // namespace
}  // namespace talk::platform
