// trivial_relay: the keystroke-latency floor, a "talk client" that does no work at all: its
// terminal raw, one TCP connection on loopback, bytes copied terminal -> socket -> terminal.
// `trivial_relay listen PORT` waits for the other one; `trivial_relay connect PORT` calls it.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace {

int open_connection(bool listening, std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  auto* generic = reinterpret_cast<sockaddr*>(&address);
  if (!listening) {
    // The listener may not be up yet: try for at most five seconds.
    for (int attempt = 0; attempt < 100; ++attempt) {
      if (::connect(fd, generic, sizeof address) == 0) return fd;
      ::usleep(50000);
    }
    return -1;
  }
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  if (::bind(fd, generic, sizeof address) != 0 || ::listen(fd, 1) != 0) return -1;
  const int accepted = ::accept(fd, nullptr, nullptr);
  ::close(fd);
  return accepted;
}

bool copy(int from, int to) {
  std::array<char, 4096> buffer{};
  const auto got = ::read(from, buffer.data(), buffer.size());
  if (got <= 0) return false;
  return ::write(to, buffer.data(), static_cast<std::size_t>(got)) == got;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  const bool listening = std::string_view(argv[1]) == "listen";
  const int link = open_connection(listening, static_cast<std::uint16_t>(std::atoi(argv[2])));
  if (link < 0) return 1;
  const int on = 1;
  ::setsockopt(link, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  termios saved{};
  const bool tty = ::tcgetattr(0, &saved) == 0;
  if (tty) {
    termios raw = saved;
    ::cfmakeraw(&raw);
    ::tcsetattr(0, TCSANOW, &raw);
  }
  constexpr std::string_view kReady = "[Connection established]\r\n";
  (void)::write(1, kReady.data(), kReady.size());
  std::array<pollfd, 2> fds{{{0, POLLIN, 0}, {link, POLLIN, 0}}};
  while (::poll(fds.data(), fds.size(), -1) > 0) {
    if (fds[0].revents != 0 && !copy(0, link)) break;
    if (fds[1].revents != 0 && !copy(link, 1)) break;
  }
  if (tty) ::tcsetattr(0, TCSANOW, &saved);
  return 0;
}
