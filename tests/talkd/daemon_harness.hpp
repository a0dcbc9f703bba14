// Runs the real talkd binary for integration tests (inetd, systemd and standalone starts),
// plus a UDP client and a pty that looks like a logged-in terminal.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/messages.hpp"

namespace talk::talkd::testing {

/// The talkd executable in the build tree.
std::string talkd_binary();

/// A bound, non-blocking loopback UDP socket (port chosen by the kernel).
class LoopbackSocket {
 public:
  LoopbackSocket();
  ~LoopbackSocket();
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;
  int fd() const { return fd_; }
  std::uint16_t port() const { return port_; }
  int release();  // gives the descriptor away (to the daemon)
  bool send(const std::vector<std::uint8_t>& bytes, std::uint16_t to_port) const;
  /// The next datagram within `timeout`, or nullopt.
  std::optional<std::vector<std::uint8_t>> receive(std::chrono::milliseconds timeout) const;

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

struct SpawnSpec {
  std::vector<std::string> args;     // after the program name
  int stdin_fd = -1;                 // -1: /dev/null
  std::vector<int> listen_fds;       // moved to 3, 4, ... with LISTEN_FDS/LISTEN_PID set
  std::vector<std::string> wrapper;  // a program (and its arguments) that runs talkd
};

class DaemonProcess {
 public:
  explicit DaemonProcess(const SpawnSpec& spec);
  ~DaemonProcess();
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool running();
  /// Waits for the exit; the wait status, or nullopt on timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  /// SIGTERM, then SIGKILL after a second.
  void stop();
  /// Everything the daemon wrote to stdout and stderr so far.
  std::string output();

 private:
  pid_t pid_ = -1;
  int output_fd_ = -1;
  std::string output_;
};

/// A pty pair whose slave looks like a logged-in terminal of the current user: group tty
/// (when possible), mode 0620, output post-processing off so bytes read back unchanged.
class TestPty {
 public:
  TestPty();
  ~TestPty();
  TestPty(const TestPty&) = delete;
  TestPty& operator=(const TestPty&) = delete;
  const std::string& line() const { return line_; }  // "pts/N"
  int master() const { return master_; }
  int slave() const { return slave_; }
  void set_mode(unsigned mode) const;
  /// Stops output as ^S does and writes until the terminal accepts nothing more.
  void stop_and_fill() const;
  /// Bytes readable on the master within `timeout`, up to `want` bytes.
  std::string read_master(std::size_t want, std::chrono::milliseconds timeout) const;

 private:
  int master_ = -1;
  int slave_ = -1;
  std::string line_;
};

/// A private directory (mode 0755, so a daemon that dropped to nobody can read it) holding a
/// utmp file; removed on destruction.
class PrivateUtmp {
 public:
  PrivateUtmp();
  ~PrivateUtmp();
  PrivateUtmp(const PrivateUtmp&) = delete;
  PrivateUtmp& operator=(const PrivateUtmp&) = delete;
  const std::string& path() const { return path_; }
  void add_login(const std::string& user, const std::string& line) const;
  /// Writes `text` to a world-readable file `name` in the private directory; its path.
  std::string write_file(const std::string& name, const std::string& text) const;

 private:
  std::string dir_;
  std::string path_;
};

/// The current user's login name.
std::string current_user();

/// An ntalk request from `client` (its ctl_addr).
proto::CtlMessage make_request(proto::RequestType type, const std::string& l_name,
                               const std::string& r_name, std::uint16_t client_port,
                               std::uint32_t id = 0);
std::vector<std::uint8_t> to_bytes(const proto::CtlMessage& msg);

}  // namespace talk::talkd::testing
