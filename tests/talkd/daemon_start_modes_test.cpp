// Integration tests: the real talkd started by systemd-style socket activation, by hand
// (--foreground), and with bad or informational command lines.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "protocol/codec.hpp"
#include "talkd/daemon_harness.hpp"

namespace talk::talkd {
namespace {

using namespace std::chrono_literals;
using proto::Answer;
using proto::RequestType;
using testing::DaemonProcess;
using testing::LoopbackSocket;
using testing::make_request;
using testing::to_bytes;

// systemd's "ListenDatagram=518" gives a dual-stack IPv6 socket: IPv4 callers then arrive as
// IPv4-mapped addresses (the case that made netkit talkd log "bogus address length").
TEST(SystemdDaemon, DualStackIpv6SocketAnswersIpv4Callers) {
  const int fd = ::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) GTEST_SKIP() << "no IPv6 in this environment";
  const int off = 0;
  ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
  sockaddr_in6 any{};
  any.sin6_family = AF_INET6;
  socklen_t len = sizeof any;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&any), sizeof any) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&any), &len) != 0) {
    ::close(fd);
    GTEST_SKIP() << "cannot bind a dual-stack socket here";
  }
  const std::uint16_t port = ntohs(any.sin6_port);
  testing::PrivateUtmp utmp;
  testing::SpawnSpec spec;
  spec.args = {"--utmp", utmp.path()};
  spec.listen_fds = {fd};
  DaemonProcess daemon(spec);
  ::close(fd);
  LoopbackSocket client;
  client.send(to_bytes(make_request(RequestType::LookUp, "bob", "alice", client.port())), port);
  const auto reply = client.receive(3000ms);
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->size(), proto::kCtlResponseSize);
  EXPECT_EQ((*reply)[2], static_cast<std::uint8_t>(Answer::NotHere));
}

TEST(SystemdDaemon, StartedBySystemdSocketActivate) {
  const std::string activate = "/usr/bin/systemd-socket-activate";
  if (::access(activate.c_str(), X_OK) != 0) GTEST_SKIP() << activate << " is not installed";
  std::uint16_t port = 0;
  {
    LoopbackSocket probe;  // a free port, released for the activator
    port = probe.port();
  }
  testing::PrivateUtmp utmp;
  testing::SpawnSpec spec;
  spec.wrapper = {activate, "--datagram", "--listen=127.0.0.1:" + std::to_string(port)};
  spec.args = {"--utmp", utmp.path(), "-i", "30"};
  DaemonProcess daemon(spec);
  LoopbackSocket client;
  std::optional<std::vector<std::uint8_t>> reply;
  for (int attempt = 0; attempt < 20 && !reply; ++attempt) {
    client.send(to_bytes(make_request(RequestType::LookUp, "bob", "alice", client.port())), port);
    reply = client.receive(250ms);
  }
  ASSERT_TRUE(reply) << daemon.output();
  EXPECT_EQ(reply->size(), proto::kCtlResponseSize);
  EXPECT_EQ((*reply)[2], static_cast<std::uint8_t>(Answer::NotHere));
}

TEST(SystemdDaemon, ServesEverySocketItIsPassed) {
  LoopbackSocket first;
  LoopbackSocket second;
  const std::uint16_t first_port = first.port();
  const std::uint16_t second_port = second.port();
  testing::PrivateUtmp utmp;
  testing::SpawnSpec spec;
  spec.args = {"--utmp", utmp.path(), "-i", "30"};
  spec.listen_fds = {first.fd(), second.fd()};
  DaemonProcess daemon(spec);
  LoopbackSocket client;
  for (const std::uint16_t port : {first_port, second_port}) {
    client.send(to_bytes(make_request(RequestType::LookUp, "bob", "alice", client.port())), port);
    const auto reply = client.receive(3000ms);
    ASSERT_TRUE(reply) << "no answer on port " << port;
    EXPECT_EQ(reply->size(), proto::kCtlResponseSize);
  }
  daemon.stop();
  EXPECT_EQ(daemon.output(), "");
}

TEST(StandaloneDaemon, BindsItsPortsAndStopsOnSigterm) {
  std::uint16_t port = 0;
  {
    LoopbackSocket probe;  // a free port, released for the daemon
    port = probe.port();
  }
  testing::PrivateUtmp utmp;
  testing::SpawnSpec spec;
  spec.args = {"--foreground", "--bind", "127.0.0.1", "--ntalk-port", std::to_string(port),
               "--otalk-port", "0",      "--utmp",    utmp.path(),    "-q"};
  DaemonProcess daemon(spec);
  LoopbackSocket client;
  std::optional<std::vector<std::uint8_t>> reply;
  for (int attempt = 0; attempt < 20 && !reply; ++attempt) {
    client.send(to_bytes(make_request(RequestType::LookUp, "bob", "alice", client.port())), port);
    reply = client.receive(250ms);
  }
  ASSERT_TRUE(reply);
  ::kill(daemon.pid(), SIGTERM);
  const auto status = daemon.wait_exit(3000ms);
  ASSERT_TRUE(status);
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
}

TEST(StartMode, RefusesWhenStdinIsNotADatagramSocket) {
  testing::SpawnSpec spec;
  DaemonProcess daemon(spec);
  const auto status = daemon.wait_exit(3000ms);
  ASSERT_TRUE(status);
  EXPECT_EQ(WEXITSTATUS(*status), 1);
  EXPECT_NE(daemon.output().find("not a datagram socket"), std::string::npos);
}

TEST(StartMode, VersionHelpAndBadOptions) {
  {
    DaemonProcess daemon({{"--version"}, -1, {}, {}});
    const auto status = daemon.wait_exit(3000ms);
    ASSERT_TRUE(status);
    EXPECT_EQ(WEXITSTATUS(*status), 0);
    EXPECT_EQ(daemon.output().rfind("talkd (talk-ng) ", 0), 0U);
  }
  {
    DaemonProcess daemon({{"--help"}, -1, {}, {}});
    const auto status = daemon.wait_exit(3000ms);
    ASSERT_TRUE(status);
    EXPECT_EQ(WEXITSTATUS(*status), 0);
    EXPECT_NE(daemon.output().find("--foreground"), std::string::npos);
  }
  {
    DaemonProcess daemon({{"--no-such-option"}, -1, {}, {}});
    const auto status = daemon.wait_exit(3000ms);
    ASSERT_TRUE(status);
    EXPECT_EQ(WEXITSTATUS(*status), 2);
    EXPECT_NE(daemon.output().find("unknown option"), std::string::npos);
  }
}

TEST(StartMode, InetdModeReportsErrorsOnlyToSyslog) {
  LoopbackSocket socket;
  DaemonProcess daemon({{"--no-such-option"}, socket.fd(), {}, {}});
  const auto status = daemon.wait_exit(3000ms);
  ASSERT_TRUE(status);
  EXPECT_EQ(WEXITSTATUS(*status), 2);
  EXPECT_EQ(daemon.output(), "");
}

}  // namespace
}  // namespace talk::talkd
