// trivial_responder: the cold-start baseline, started like talkd by inetd: one recvfrom on the
// socket it is given as standard input, one 24-byte answer (NOT_HERE) back to the sender.
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>

int main() {
  std::array<std::uint8_t, 2048> request{};
  sockaddr_in from{};
  socklen_t length = sizeof from;
  const auto got =
      ::recvfrom(0, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&from), &length);
  if (got < 2) return 1;
  std::array<std::uint8_t, 24> answer{};
  answer[0] = 1;           // version
  answer[1] = request[1];  // type
  answer[2] = 1;           // NOT_HERE
  const auto sent = ::sendto(0, answer.data(), answer.size(), 0,
                             reinterpret_cast<const sockaddr*>(&from), length);
  return sent == static_cast<ssize_t>(answer.size()) ? 0 : 1;
}
