// Tests of UdpSocket over real loopback UDP: binding, sending, non-blocking and truncated
// receives, connected sockets, and the local address the kernel picks.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "socket_test_util.hpp"

namespace talk::platform {
namespace {

using testing::wait_for;

UdpSocket loopback_socket() {
  std::error_code ec;
  UdpSocket s = UdpSocket::open_bound({kLoopbackAddress, 0}, ec);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(s.valid());
  return s;
}

Ipv4Endpoint endpoint_of(const UdpSocket& s) {
  std::error_code ec;
  const Ipv4Endpoint e = s.local_endpoint(ec);
  EXPECT_FALSE(ec) << ec.message();
  return e;
}

std::vector<std::uint8_t> pattern(std::size_t n) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(i * 7 + 1);
  return v;
}

TEST(UdpSocket, OpenBoundReportsItsLoopbackEndpoint) {
  UdpSocket s = loopback_socket();
  const Ipv4Endpoint e = endpoint_of(s);
  EXPECT_EQ(e.address, kLoopbackAddress);
  EXPECT_NE(e.port, 0);
  std::error_code ec;
  EXPECT_EQ(s.local_port(ec), e.port);
  EXPECT_FALSE(ec);
  EXPECT_TRUE(testing::is_nonblocking(s.fd()));
  EXPECT_NE(::fcntl(s.fd(), F_GETFD) & FD_CLOEXEC, 0);
}

TEST(UdpSocket, BindingABusyPortFails) {
  UdpSocket a = loopback_socket();
  std::error_code ec;
  UdpSocket b = UdpSocket::open_bound(endpoint_of(a), ec);
  EXPECT_EQ(ec, std::errc::address_in_use);
  EXPECT_FALSE(b.valid());
}

TEST(UdpSocket, SendAndReceiveOnLoopback) {
  UdpSocket a = loopback_socket();
  UdpSocket b = loopback_socket();
  const auto bytes = pattern(84);
  ASSERT_FALSE(a.send_to(bytes, endpoint_of(b)));
  ASSERT_TRUE(wait_for(b.fd()) & POLLIN);
  std::array<std::uint8_t, 512> buffer{};
  ReceivedDatagram got;
  ASSERT_FALSE(b.receive(buffer, got));
  EXPECT_EQ(got.size, 84U);
  EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), buffer.begin()));
  EXPECT_EQ(got.source, endpoint_of(a));
  EXPECT_TRUE(got.source_is_ipv4);
}

TEST(UdpSocket, ReceiveWithNothingQueuedDoesNotBlock) {
  UdpSocket s = loopback_socket();
  std::array<std::uint8_t, 84> buffer{};
  ReceivedDatagram got;
  EXPECT_EQ(s.receive(buffer, got), std::errc::resource_unavailable_try_again);
}

TEST(UdpSocket, OversizedDatagramReportsItsRealSize) {
  UdpSocket a = loopback_socket();
  UdpSocket b = loopback_socket();
  const auto bytes = pattern(200);
  ASSERT_FALSE(a.send_to(bytes, endpoint_of(b)));
  ASSERT_TRUE(wait_for(b.fd()) & POLLIN);
  std::array<std::uint8_t, 84> buffer{};
  ReceivedDatagram got;
  ASSERT_FALSE(b.receive(buffer, got));
  EXPECT_EQ(got.size, 200U);
  EXPECT_TRUE(std::equal(buffer.begin(), buffer.end(), bytes.begin()));
  EXPECT_EQ(got.source, endpoint_of(a));
  // The rest of the datagram is gone, not left for the next receive.
  EXPECT_EQ(b.receive(buffer, got), std::errc::resource_unavailable_try_again);
}

TEST(UdpSocket, EmptyBufferStillLearnsTheSize) {
  UdpSocket a = loopback_socket();
  UdpSocket b = loopback_socket();
  ASSERT_FALSE(a.send_to(pattern(76), endpoint_of(b)));
  ASSERT_TRUE(wait_for(b.fd()) & POLLIN);
  ReceivedDatagram got;
  ASSERT_FALSE(b.receive(std::span<std::uint8_t>{}, got));
  EXPECT_EQ(got.size, 76U);
}

TEST(UdpSocket, EmptyDatagram) {
  UdpSocket a = loopback_socket();
  UdpSocket b = loopback_socket();
  ASSERT_FALSE(a.send_to(std::span<const std::uint8_t>{}, endpoint_of(b)));
  ASSERT_TRUE(wait_for(b.fd()) & POLLIN);
  std::array<std::uint8_t, 84> buffer{};
  ReceivedDatagram got;
  got.size = 99;
  ASSERT_FALSE(b.receive(buffer, got));
  EXPECT_EQ(got.size, 0U);
  EXPECT_EQ(got.source, endpoint_of(a));
}

TEST(UdpSocket, ConnectedSocketLearnsThePortIsClosed) {
  Ipv4Endpoint closed;
  {
    UdpSocket gone = loopback_socket();
    closed = endpoint_of(gone);
  }
  UdpSocket a = loopback_socket();
  ASSERT_FALSE(a.connect(closed));
  ASSERT_FALSE(a.send_to(pattern(24), closed));
  // The ICMP port-unreachable comes back as an error on the connected socket.
  ASSERT_NE(wait_for(a.fd(), POLLIN), 0);
  std::array<std::uint8_t, 24> buffer{};
  ReceivedDatagram got;
  EXPECT_EQ(a.receive(buffer, got), std::errc::connection_refused);
}

TEST(UdpSocket, SendOnAnInvalidSocketFails) {
  UdpSocket none;
  EXPECT_FALSE(none.valid());
  EXPECT_TRUE(none.send_to(pattern(4), {kLoopbackAddress, 9}));
  std::array<std::uint8_t, 4> buffer{};
  ReceivedDatagram got;
  EXPECT_TRUE(none.receive(buffer, got));
}

TEST(IsDatagramSocket, TellsUdpFromEverythingElse) {
  UdpSocket udp = loopback_socket();
  EXPECT_TRUE(UdpSocket::is_datagram_socket(udp.fd()));
  UniqueFd tcp(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  ASSERT_TRUE(tcp);
  EXPECT_FALSE(UdpSocket::is_datagram_socket(tcp.get()));
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  UniqueFd read_end(fds[0]), write_end(fds[1]);
  EXPECT_FALSE(UdpSocket::is_datagram_socket(read_end.get()));
  EXPECT_FALSE(UdpSocket::is_datagram_socket(-1));
  UniqueFd unix_dgram(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  ASSERT_TRUE(unix_dgram);
  EXPECT_TRUE(UdpSocket::is_datagram_socket(unix_dgram.get()));
}

TEST(LocalAddressTowards, LoopbackPeerGivesLoopback) {
  std::uint32_t local = 0;
  EXPECT_FALSE(local_address_towards(kLoopbackAddress, local));
  EXPECT_EQ(local, kLoopbackAddress);
}

TEST(LocalAddressTowards, ConnectErrorIsReported) {
  std::uint32_t local = 0;
  // A UDP connect to the broadcast address needs SO_BROADCAST, which the probe does not set
  // (EACCES; ENETUNREACH where there is no route at all).
  const std::error_code ec = local_address_towards(0xffffffff, local);
  EXPECT_TRUE(ec == std::errc::permission_denied || ec == std::errc::network_unreachable)
      << ec.message();
}

}  // namespace
}  // namespace talk::platform
