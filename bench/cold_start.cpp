// cold_start: times inetd-style cold starts of a talk daemon, from the datagram to the reply.
//
// Usage: cold_start [--starts N] [--user U] [--group G] -- PROGRAM [ARG...]
// Like inetd with a `dgram udp wait` line: a bound UDP socket on 127.0.0.1 receives a LOOK_UP,
// a forked child becomes U.G (default nobody.tty), takes the socket as standard input and output
// and execs PROGRAM. The time from sending the LOOK_UP to receiving the answer is one start;
// the daemon is then killed. Prints key=value figures (microseconds) of all the starts: the
// wall time, and the CPU time the daemon used (less sensitive to a busy machine).
#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <poll.h>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/codec.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace proto = talk::proto;
constexpr std::uint32_t kLoopback = 0x7f000001;

int complain(const std::string& text) {
  static_cast<void>(std::fputs(("cold_start: " + text + "\n").c_str(), stderr));
  return 2;
}

struct Identity {
  uid_t uid = 0;
  gid_t gid = 0;
};

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void become_daemon(int socket_fd, const Identity& who, char* const* argv) {
  static char path_env[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
  static char lang_env[] = "LANG=C.UTF-8";
  static char* const env[] = {path_env, lang_env, nullptr};
  const int null_fd = ::open("/dev/null", O_WRONLY);
  if (::dup2(socket_fd, 0) < 0 || ::dup2(socket_fd, 1) < 0 || null_fd < 0 ||
      ::dup2(null_fd, 2) < 0 || ::setgroups(0, nullptr) != 0 || ::setgid(who.gid) != 0 ||
      ::setuid(who.uid) != 0 || ::chdir("/") != 0) {
    ::_exit(126);
  }
  ::execve(argv[0], argv, env);
  ::_exit(127);
}

// A blocking UDP socket bound to 127.0.0.1 on a port the kernel picks (as inetd's would be).
int bound_socket(sockaddr_in& where) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  where = {};
  where.sin_family = AF_INET;
  where.sin_addr.s_addr = htonl(kLoopback);
  socklen_t length = sizeof where;
  if (fd < 0 || ::bind(fd, reinterpret_cast<const sockaddr*>(&where), sizeof where) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&where), &length) != 0) {
    return -1;
  }
  return fd;
}

void drain(int fd) {
  std::vector<std::uint8_t> junk(2048);
  while (::recv(fd, junk.data(), junk.size(), MSG_DONTWAIT) >= 0) {
  }
}

struct Start {
  long wall_us = -1;
  long cpu_us = 0;
};

long micros(const timeval& t) {
  return static_cast<long>(t.tv_sec) * 1000000L + t.tv_usec;
}

// One start: send, fork and exec when the socket is readable (inetd's `wait`), await the answer.
Start one_start(int server, const sockaddr_in& server_at, int client, const sockaddr_in& client_at,
                const Identity& who, char* const* argv) {
  proto::CtlMessage msg;
  msg.type = proto::RequestType::LookUp;
  msg.l_name = "bench";
  msg.r_name = "nobody";
  msg.ctl_addr = proto::make_inet_addr(kLoopback, ntohs(client_at.sin_port));
  msg.addr = msg.ctl_addr;  // inetutils answers BADADDR to a request without one
  const auto bytes = proto::encode(msg);
  const auto start = Clock::now();
  if (::sendto(client, bytes.data(), bytes.size(), 0, reinterpret_cast<const sockaddr*>(&server_at),
               sizeof server_at) < 0) {
    return {};
  }
  pollfd ready{server, POLLIN, 0};
  if (::poll(&ready, 1, 2000) != 1) return {};
  const pid_t pid = ::fork();
  if (pid < 0) return {};
  if (pid == 0) become_daemon(server, who, argv);
  pollfd answer{client, POLLIN, 0};
  const bool answered = ::poll(&answer, 1, 5000) == 1;
  const auto took = Clock::now() - start;
  ::kill(pid, SIGKILL);
  int status = 0;
  rusage usage{};
  ::wait4(pid, &status, 0, &usage);
  drain(client);
  drain(server);  // a request the daemon left unread
  if (!answered) return {};
  return {static_cast<long>(std::chrono::duration_cast<std::chrono::microseconds>(took).count()),
          micros(usage.ru_utime) + micros(usage.ru_stime)};
}

}  // namespace

int main(int argc, char** argv) {
  int starts = 100;
  std::string user = "nobody";
  std::string group_name = "tty";
  int i = 1;
  for (; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (arg == "--") break;
    if (i + 1 >= argc) return complain("missing value for " + std::string(arg));
    if (arg == "--starts") {
      starts = std::atoi(argv[++i]);
    } else if (arg == "--user") {
      user = argv[++i];
    } else if (arg == "--group") {
      group_name = argv[++i];
    } else {
      return complain("unknown option " + std::string(arg));
    }
  }
  if (i + 1 >= argc || starts <= 0) return complain("usage: cold_start [options] -- PROGRAM");
  const struct passwd* pw = ::getpwnam(user.c_str());
  const struct group* gr = ::getgrnam(group_name.c_str());
  if (pw == nullptr || gr == nullptr) return complain("unknown user or group");
  const Identity who{pw->pw_uid, gr->gr_gid};

  sockaddr_in server_at{};
  sockaddr_in client_at{};
  const int server = bound_socket(server_at);
  const int client = bound_socket(client_at);
  if (server < 0 || client < 0) return complain("cannot bind sockets on 127.0.0.1");
  std::vector<long> times;
  std::vector<long> cpu;
  for (int n = 0; n < starts; ++n) {
    const Start one = one_start(server, server_at, client, client_at, who, argv + i + 1);
    if (one.wall_us < 0) return complain("no answer from " + std::string(argv[i + 1]));
    times.push_back(one.wall_us);
    cpu.push_back(one.cpu_us);
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu.begin(), cpu.end());
  const auto at = [](const std::vector<long>& v, std::size_t percent) {
    return v[percent * (v.size() - 1) / 100];
  };
  std::printf("starts=%zu median_us=%ld p10_us=%ld p90_us=%ld cpu_median_us=%ld\n", times.size(),
              at(times, 50), at(times, 10), at(times, 90), at(cpu, 50));
  return 0;
}
