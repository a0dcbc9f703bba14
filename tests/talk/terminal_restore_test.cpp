// Integration tests: the real talk binary in a pseudo-terminal gives its error texts, exits
// non-zero and leaves the terminal as it found it, also when killed by SIGTERM or SIGHUP.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>

#include "platform/datagram_socket.hpp"
#include "talk/test_daemon.hpp"

namespace talk::testing {
namespace {

using namespace std::chrono_literals;

std::uint16_t unused_udp_port() {
  std::error_code ec;
  auto probe = platform::UdpSocket::open_bound({platform::kLoopbackAddress, 0}, ec);
  return probe.local_port(ec);
}

// The talk binary on a fresh pty; the test holds both ends.
class PtyTalk {
 public:
  explicit PtyTalk(std::vector<std::string> args) {
    winsize ws{};
    ws.ws_row = 24;
    ws.ws_col = 80;
    if (::openpty(&master_, &slave_, nullptr, nullptr, &ws) != 0) return;
    ::tcgetattr(slave_, &before_);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::setsid();
      ::ioctl(slave_, TIOCSCTTY, 0);
      ::dup2(slave_, 0);
      ::dup2(slave_, 1);
      ::dup2(slave_, 2);
      ::setenv("TERM", "xterm", 1);
      ::setenv("LANG", "C.UTF-8", 1);
      const std::string binary = std::string(TALK_BUILD_DIR) + "/src/talk/talk";
      std::vector<char*> argv{const_cast<char*>(binary.c_str())};
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(binary.c_str(), argv.data());
      ::_exit(127);
    }
  }
  ~PtyTalk() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    ::close(master_);
    ::close(slave_);
  }
  bool started() const { return pid_ > 0; }
  // Reads output until `needle` shows up or `limit` passes.
  bool wait_for_output(const std::string& needle, std::chrono::milliseconds limit = 5s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (output_.find(needle) == std::string::npos && std::chrono::steady_clock::now() < end) {
      pollfd pfd{master_, POLLIN, 0};
      if (::poll(&pfd, 1, 50) > 0) {
        char buf[4096];
        const ssize_t n = ::read(master_, buf, sizeof buf);
        if (n > 0) output_.append(buf, static_cast<std::size_t>(n));
      }
    }
    return output_.find(needle) != std::string::npos;
  }
  // Waits for the exit status (-1 on timeout).
  int wait_exit(std::chrono::milliseconds limit = 5s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        wait_for_output("\n", 200ms);  // collect the tail
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      wait_for_output("\x01never", 20ms);
    }
    return -1;
  }
  bool terminal_restored() const {
    termios after{};
    ::tcgetattr(slave_, &after);
    return after.c_iflag == before_.c_iflag && after.c_oflag == before_.c_oflag &&
           after.c_lflag == before_.c_lflag &&
           std::memcmp(after.c_cc, before_.c_cc, sizeof after.c_cc) == 0;
  }
  void kill(int sig) const { ::kill(pid_, sig); }
  const std::string& output() const { return output_; }

 private:
  int master_ = -1;
  int slave_ = -1;
  pid_t pid_ = -1;
  bool exited_ = false;
  termios before_{};
  std::string output_;
};

TEST(TalkInPty, MissingDaemonGivesTheErrorAndRestoresTheTerminal) {
  const auto port = std::to_string(unused_udp_port());
  PtyTalk talk({"--daemon-port", port, "--otalk-port", port, "nobody"});
  ASSERT_TRUE(talk.started());
  EXPECT_EQ(talk.wait_exit(), 1);
  EXPECT_TRUE(talk.wait_for_output("[Error on read from talk daemon: Connection refused]"))
      << talk.output();
  EXPECT_NE(talk.output().find("Start talkd"), std::string::npos);
  EXPECT_NE(talk.output().find("\x1b[?1049l"), std::string::npos) << "alternate screen left";
  EXPECT_TRUE(talk.terminal_restored());
}

void expect_clean_exit_on(int sig) {
  TestDaemon daemon;
  PtyTalk talk({"--daemon-port", std::to_string(daemon.port()), "--otalk-port",
                std::to_string(unused_udp_port()), "nobody"});
  ASSERT_TRUE(talk.started());
  ASSERT_TRUE(talk.wait_for_output("[Waiting for your party to respond]")) << talk.output();
  talk.kill(sig);
  EXPECT_EQ(talk.wait_exit(), 1);
  EXPECT_TRUE(talk.wait_for_output("[Connection closing. Exiting]")) << talk.output();
  EXPECT_TRUE(talk.terminal_restored());
  EXPECT_EQ(daemon.count(proto::RequestType::Delete), 2) << "invitations withdrawn";
}

TEST(TalkInPty, SigtermWhileRingingRestoresTheTerminal) {
  expect_clean_exit_on(SIGTERM);
}
TEST(TalkInPty, SighupWhileRingingRestoresTheTerminal) {
  expect_clean_exit_on(SIGHUP);
}

TEST(TalkInPty, StdinNotATtyIsRefused) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 2);
    const int devnull = ::open("/dev/null", O_RDONLY);
    ::dup2(devnull, 0);
    const std::string binary = std::string(TALK_BUILD_DIR) + "/src/talk/talk";
    ::execl(binary.c_str(), binary.c_str(), "bob", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string err;
  char buf[256];
  ssize_t n = 0;
  while ((n = ::read(fds[0], buf, sizeof buf)) > 0) err.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_NE(WEXITSTATUS(status), 0);
  EXPECT_EQ(err, "Standard input must be a tty, not a pipe or a file\n");
}

}  // namespace
}  // namespace talk::testing
