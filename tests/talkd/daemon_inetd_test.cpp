// Integration tests: the real talkd started the way inetd starts it (its socket on fd 0),
// on loopback, ringing real ptys listed in a private utmp file.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <random>
#include <thread>

#include <csignal>

#include "platform/endpoint.hpp"
#include "platform/local_time.hpp"
#include "platform/resolver.hpp"
#include "protocol/codec.hpp"
#include "talkd/announcer.hpp"
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

// A daemon started the way inetd starts it: its UDP socket on standard input.
class InetdDaemon : public ::testing::Test {
 protected:
  void start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--utmp", utmp.path()};
    args.insert(args.end(), extra.begin(), extra.end());
    LoopbackSocket socket;
    port = socket.port();
    testing::SpawnSpec spec;
    spec.args = args;
    spec.stdin_fd = socket.fd();
    daemon = std::make_unique<DaemonProcess>(spec);
  }
  // Sends `msg` and returns the decoded reply (retransmitting like a client, bounded).
  std::optional<proto::CtlResponse> ask(const proto::CtlMessage& msg,
                                        std::chrono::milliseconds wait = 2000ms) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      client.send(to_bytes(msg), port);
      if (auto reply = client.receive(wait)) {
        auto decoded = proto::decode_ctl_response(*reply);
        if (decoded.message) return decoded.message;
      }
    }
    return std::nullopt;
  }

  testing::PrivateUtmp utmp;
  LoopbackSocket client;
  std::uint16_t port = 0;
  std::unique_ptr<DaemonProcess> daemon;
};

TEST_F(InetdDaemon, AnnouncementLandsOnThePtyExactly) {
  testing::TestPty pty;
  const std::string user = testing::current_user();
  utmp.add_login(user, pty.line());
  start();
  const auto before = platform::local_clock_time(std::chrono::system_clock::now());
  const auto reply = ask(make_request(RequestType::Announce, "caller", user, client.port(), ~0U));
  const auto after = platform::local_clock_time(std::chrono::system_clock::now());
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->answer, Answer::Success);
  EXPECT_EQ(reply->type, RequestType::Announce);
  EXPECT_EQ(reply->id_num, 1U);
  EXPECT_EQ(reply->addr, proto::TalkAddr{});

  platform::SystemResolver resolver;
  AnnouncementText text{platform::local_host_name(), "caller",
                        resolver.verified_name(platform::kLoopbackAddress), before.hour,
                        before.minute};
  const std::string expected_before = format_announcement(text);
  text.hour = after.hour;
  text.minute = after.minute;
  const std::string expected_after = format_announcement(text);
  const std::string got = pty.read_master(expected_before.size(), 3000ms);
  EXPECT_TRUE(got == expected_before || got == expected_after) << got;
  // Nothing else follows.
  EXPECT_EQ(pty.read_master(1, 200ms), "");
  daemon->stop();
  EXPECT_EQ(daemon->output(), "") << "inetd mode must not write to stdout or stderr";
}

TEST_F(InetdDaemon, MesgNIsPermissionDenied) {
  testing::TestPty pty;
  pty.set_mode(0600);
  const std::string user = testing::current_user();
  utmp.add_login(user, pty.line());
  start();
  const auto reply = ask(make_request(RequestType::Announce, "caller", user, client.port()));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->answer, Answer::PermissionDenied);
  EXPECT_EQ(pty.read_master(1, 200ms), "");
}

TEST_F(InetdDaemon, NotLoggedOnIsNotHere) {
  start();
  const auto reply =
      ask(make_request(RequestType::Announce, "caller", "nosuchuser", client.port()));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->answer, Answer::NotHere);
}

TEST_F(InetdDaemon, StoppedFullTtyDoesNotStallTheDaemon) {
  testing::TestPty pty;
  const std::string user = testing::current_user();
  utmp.add_login(user, pty.line());
  pty.stop_and_fill();
  start();
  const auto start_time = std::chrono::steady_clock::now();
  const auto reply =
      ask(make_request(RequestType::Announce, "caller", user, client.port()), 4000ms);
  const auto took = std::chrono::steady_clock::now() - start_time;
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->answer, Answer::Failed);
  EXPECT_LT(took, 3s);
  // The daemon is free again at once.
  LoopbackSocket other;
  other.send(to_bytes(make_request(RequestType::LookUp, "x", "y", other.port())), port);
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_TRUE(other.receive(2000ms));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
}

TEST_F(InetdDaemon, SiteAclDeniesAndSighupRereadsIt) {
  testing::TestPty pty;
  const std::string user = testing::current_user();
  utmp.add_login(user, pty.line());
  const std::string acl = utmp.write_file("acl", "deny ^" + user + "$ 127.0.0.0/8\n");
  start({"-a", acl});
  const auto denied = ask(make_request(RequestType::Announce, "caller", user, client.port()));
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->answer, Answer::Failed);
  EXPECT_EQ(pty.read_master(1, 200ms), "");

  utmp.write_file("acl", "deny ^" + user + "$ 10.0.0.0/8\n");
  ::kill(daemon->pid(), SIGHUP);
  std::optional<proto::CtlResponse> allowed;
  for (int attempt = 0; attempt < 20; ++attempt) {  // until the reload has happened
    allowed = ask(make_request(RequestType::Announce, "caller", user, client.port(),
                               static_cast<std::uint32_t>(attempt + 100)));
    if (allowed && allowed->answer == Answer::Success) break;
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->answer, Answer::Success);
  EXPECT_NE(pty.read_master(3, 2000ms), "");
}

TEST_F(InetdDaemon, InviteLookUpDeleteRoundTrip) {
  start();
  auto invite = make_request(RequestType::LeaveInvite, "alice", "bob", client.port(), ~0U);
  invite.addr = proto::make_inet_addr(platform::kLoopbackAddress, 5555);
  const auto left = ask(invite);
  ASSERT_TRUE(left);
  EXPECT_EQ(left->answer, Answer::Success);
  LoopbackSocket callee;
  callee.send(to_bytes(make_request(RequestType::LookUp, "bob", "alice", callee.port())), port);
  const auto raw = callee.receive(2000ms);
  ASSERT_TRUE(raw);
  const auto found = proto::decode_ctl_response(*raw);
  EXPECT_EQ(found.message->answer, Answer::Success);
  EXPECT_EQ(found.message->id_num, left->id_num);
  EXPECT_EQ(found.message->addr, invite.addr);
  const auto deleted =
      ask(make_request(RequestType::Delete, "alice", "bob", client.port(), left->id_num));
  ASSERT_TRUE(deleted);
  EXPECT_EQ(deleted->answer, Answer::Success);
  EXPECT_EQ(ask(make_request(RequestType::LookUp, "bob", "alice", client.port()))->answer,
            Answer::NotHere);
}

TEST_F(InetdDaemon, ExitsWhenIdle) {
  start({"-i", "1"});
  ASSERT_TRUE(ask(make_request(RequestType::LookUp, "a", "b", client.port())));
  const auto status = daemon->wait_exit(5000ms);
  ASSERT_TRUE(status) << "still running after the idle timeout";
  EXPECT_TRUE(WIFEXITED(*status));
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  EXPECT_EQ(daemon->output(), "");
}

TEST_F(InetdDaemon, SpoofedCtlAddrGetsItsReplyAtTheSourceOnly) {
  start();
  LoopbackSocket victim;
  auto msg = make_request(RequestType::LookUp, "bob", "alice", victim.port());
  client.send(to_bytes(msg), port);
  EXPECT_TRUE(client.receive(2000ms));
  EXPECT_FALSE(victim.receive(500ms));
}

TEST_F(InetdDaemon, WrongLengthsAreNotAnswered) {
  start();
  for (const std::size_t length : std::vector<std::size_t>{0, 1, 24, 83, 85, 200}) {
    client.send(std::vector<std::uint8_t>(length, 0x01), port);
  }
  EXPECT_FALSE(client.receive(500ms));
  EXPECT_TRUE(daemon->running());
}

TEST_F(InetdDaemon, OtalkRequestOnTheNtalkSocketGetsAnOtalkReply) {
  start();
  proto::OtalkMessage otalk;
  otalk.type = RequestType::LookUp;
  otalk.l_name = "bob";
  otalk.r_name = "alice";
  otalk.addr = proto::make_inet_addr(platform::kLoopbackAddress, 0);
  otalk.ctl_addr = proto::make_inet_addr(platform::kLoopbackAddress, client.port());
  const auto wire = proto::encode(otalk);
  client.send({wire.begin(), wire.end()}, port);
  const auto reply = client.receive(2000ms);
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->size(), proto::kOctlResponseSize);
  EXPECT_EQ((*reply)[0], 1);  // LOOK_UP
  EXPECT_EQ((*reply)[1], 1);  // NOT_HERE
}

TEST_F(InetdDaemon, RandomDatagramsThenALookUpIsStillAnswered) {
  start();
  std::mt19937 random(12345);
  LoopbackSocket noise;
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < 6000; ++i) {
    bytes.resize(static_cast<std::size_t>(i % 2049));
    for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
    if (!bytes.empty() && i % 3 == 0) bytes[0] = 1;  // more of them get past the version
    noise.send(bytes, port);
    if (i % 200 == 0) {
      while (noise.receive(0ms)) {
      }
    }
  }
  const auto reply = ask(make_request(RequestType::LookUp, "bob", "alice", client.port()));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->answer, Answer::NotHere);
  EXPECT_TRUE(daemon->running());
}

}  // namespace
}  // namespace talk::talkd
