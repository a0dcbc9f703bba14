// The integration-test harness: child processes, loopback sockets, ptys, private utmp files.
#include "talkd/daemon_harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "platform/utmp_reader.hpp"
#include "protocol/codec.hpp"

namespace talk::talkd::testing {

std::string talkd_binary() {
  return std::string(TALK_BUILD_DIR) + "/src/talkd/talkd";
}

LoopbackSocket::LoopbackSocket() {
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  sockaddr_in sin{};
  sin.sin_family = AF_INET;
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof sin;
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&sin), sizeof sin) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&sin), &len) != 0) {
    std::abort();
  }
  port_ = ntohs(sin.sin_port);
}

LoopbackSocket::~LoopbackSocket() {
  if (fd_ >= 0) ::close(fd_);
}

int LoopbackSocket::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

bool LoopbackSocket::send(const std::vector<std::uint8_t>& bytes, std::uint16_t to_port) const {
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  to.sin_port = htons(to_port);
  return ::sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&to),
                  sizeof to) == static_cast<ssize_t>(bytes.size());
}

std::optional<std::vector<std::uint8_t>> LoopbackSocket::receive(
    std::chrono::milliseconds timeout) const {
  pollfd item{fd_, POLLIN, 0};
  if (::poll(&item, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
  std::vector<std::uint8_t> buffer(4096);
  const ssize_t got = ::recv(fd_, buffer.data(), buffer.size(), 0);
  if (got < 0) return std::nullopt;
  buffer.resize(static_cast<std::size_t>(got));
  return buffer;
}

DaemonProcess::DaemonProcess(const SpawnSpec& spec) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) std::abort();
  std::vector<std::string> argv_storage = spec.wrapper;
  argv_storage.push_back(talkd_binary());
  argv_storage.insert(argv_storage.end(), spec.args.begin(), spec.args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ == 0) {
    const int in = spec.stdin_fd >= 0 ? spec.stdin_fd : ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(pipe_fds[1], 1);
    ::dup2(pipe_fds[1], 2);
    // Move the activation sockets above the target range first, then into 3, 4, ...
    std::vector<int> moved;
    for (const int fd : spec.listen_fds) moved.push_back(::fcntl(fd, F_DUPFD, 100));
    for (std::size_t i = 0; i < moved.size(); ++i) ::dup2(moved[i], 3 + static_cast<int>(i));
    ::closefrom(3 + static_cast<int>(moved.size()));
    if (!moved.empty()) {
      ::setenv("LISTEN_FDS", std::to_string(moved.size()).c_str(), 1);
      ::setenv("LISTEN_PID", std::to_string(::getpid()).c_str(), 1);
    } else {
      ::unsetenv("LISTEN_FDS");
      ::unsetenv("LISTEN_PID");
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  output_fd_ = pipe_fds[0];
  ::fcntl(output_fd_, F_SETFL, O_NONBLOCK);
}

DaemonProcess::~DaemonProcess() {
  stop();
  if (output_fd_ >= 0) ::close(output_fd_);
}

bool DaemonProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  const pid_t got = ::waitpid(pid_, &status, WNOHANG);
  if (got == pid_) {
    pid_ = -1;
    return false;
  }
  return got == 0;
}

std::optional<int> DaemonProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t got = ::waitpid(pid_, &status, WNOHANG);
    if (got == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

void DaemonProcess::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  if (!wait_exit(std::chrono::seconds(1))) {
    ::kill(pid_, SIGKILL);
    wait_exit(std::chrono::seconds(5));
  }
}

std::string DaemonProcess::output() {
  char buffer[4096];
  for (;;) {
    const ssize_t got = ::read(output_fd_, buffer, sizeof buffer);
    if (got <= 0) break;
    output_.append(buffer, static_cast<std::size_t>(got));
  }
  return output_;
}

TestPty::TestPty() {
  char name[256] = {};
  if (::openpty(&master_, &slave_, name, nullptr, nullptr) != 0) std::abort();
  ::fcntl(master_, F_SETFD, FD_CLOEXEC);
  ::fcntl(slave_, F_SETFD, FD_CLOEXEC);
  line_ = std::string(name).substr(5);  // drop "/dev/"
  termios modes{};
  ::tcgetattr(slave_, &modes);
  modes.c_oflag &= ~static_cast<tcflag_t>(OPOST);
  ::tcsetattr(slave_, TCSANOW, &modes);
  if (const group* tty = ::getgrnam("tty")) {
    if (::fchown(slave_, ::geteuid(), tty->gr_gid) != 0) { /* not in group tty: keep ours */
    }
  }
  set_mode(0620);
}

TestPty::~TestPty() {
  ::close(slave_);
  ::close(master_);
}

void TestPty::set_mode(unsigned mode) const {
  ::fchmod(slave_, static_cast<mode_t>(mode));
}

void TestPty::stop_and_fill() const {
  ::tcflow(slave_, TCOOFF);
  const int flags = ::fcntl(slave_, F_GETFL);
  ::fcntl(slave_, F_SETFL, flags | O_NONBLOCK);
  const std::string chunk(1024, 'x');
  for (int i = 0; i < 100000; ++i) {
    if (::write(slave_, chunk.data(), chunk.size()) < 0) break;
  }
  // Top up byte by byte so not even a short write fits.
  for (int i = 0; i < 4096; ++i) {
    if (::write(slave_, "x", 1) < 0) break;
  }
}

std::string TestPty::read_master(std::size_t want, std::chrono::milliseconds timeout) const {
  std::string got;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (got.size() < want) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd item{master_, POLLIN, 0};
    if (::poll(&item, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[4096];
    const ssize_t n = ::read(master_, buffer, std::min(sizeof buffer, want - got.size()));
    if (n <= 0) break;
    got.append(buffer, static_cast<std::size_t>(n));
  }
  return got;
}

PrivateUtmp::PrivateUtmp() {
  std::string pattern = "/tmp/talkd-test-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) std::abort();
  dir_ = pattern;
  ::chmod(dir_.c_str(), 0755);
  path_ = dir_ + "/utmp";
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  ::close(fd);
}

PrivateUtmp::~PrivateUtmp() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void PrivateUtmp::add_login(const std::string& user, const std::string& line) const {
  platform::append_utmp_record(path_, {user, line, static_cast<int>(::getpid()), true});
}

std::string PrivateUtmp::write_file(const std::string& name, const std::string& text) const {
  const std::string path = dir_ + "/" + name;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    std::abort();
  }
  ::close(fd);
  return path;
}

std::string current_user() {
  const passwd* pw = ::getpwuid(::geteuid());
  return pw != nullptr ? pw->pw_name : "";
}

proto::CtlMessage make_request(proto::RequestType type, const std::string& l_name,
                               const std::string& r_name, std::uint16_t client_port,
                               std::uint32_t id) {
  proto::CtlMessage msg;
  msg.type = type;
  msg.l_name = l_name;
  msg.r_name = r_name;
  msg.id_num = id;
  msg.pid = static_cast<std::int32_t>(::getpid());
  msg.addr = proto::make_inet_addr(INADDR_LOOPBACK, 4242);
  msg.ctl_addr = proto::make_inet_addr(INADDR_LOOPBACK, client_port);
  return msg;
}

std::vector<std::uint8_t> to_bytes(const proto::CtlMessage& msg) {
  const auto wire = proto::encode(msg);
  return {wire.begin(), wire.end()};
}

}  // namespace talk::talkd::testing
