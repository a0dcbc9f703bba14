// talkd_load: measures a talk daemon's LOOK_UP round trip and throughput on loopback.
//
// Usage: talkd_load [--port N] [--seconds S] [--in-flight K] [--invites N]
// Prints one line of key=value figures. With --invites N it first leaves N distinct
// invitations (LEAVE_INVITE), so the daemon's table is full while it is measured.
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "protocol/codec.hpp"

namespace {

// Diagnostics go to stderr; a failed write to stderr has nowhere better to go.
void complain(const std::string& text) {
  static_cast<void>(std::fputs(("talkd_load: " + text + "\n").c_str(), stderr));
}

using Clock = std::chrono::steady_clock;
using talk::platform::Ipv4Endpoint;
using talk::platform::UdpSocket;
namespace proto = talk::proto;

struct Settings {
  std::uint16_t port = proto::kNtalkPort;
  double seconds = 3.0;
  int in_flight = 32;
  int invites = 0;
};

proto::CtlMessage make_request(proto::RequestType type, const Ipv4Endpoint& ctl, int serial) {
  proto::CtlMessage msg;
  msg.type = type;
  msg.addr = proto::make_inet_addr(talk::platform::kLoopbackAddress, 40000);
  msg.ctl_addr = proto::make_inet_addr(ctl.address, ctl.port);
  msg.pid = 4242;
  msg.l_name = "bench" + std::to_string(serial % 100000);
  msg.r_name = "nobody";
  return msg;
}

// Sends and waits for one reply (bounded); false on timeout.
bool round_trip(UdpSocket& sock, const Ipv4Endpoint& daemon, const proto::CtlMessage& msg) {
  const auto bytes = proto::encode(msg);
  if (sock.send_to(bytes, daemon)) return false;
  pollfd pfd{sock.fd(), POLLIN, 0};
  std::uint8_t buffer[64];
  talk::platform::ReceivedDatagram got;
  return ::poll(&pfd, 1, 1000) == 1 && !sock.receive(buffer, got);
}

int run(const Settings& s) {
  std::error_code ec;
  UdpSocket sock = UdpSocket::open_bound({talk::platform::kLoopbackAddress, 0}, ec);
  if (ec) {
    complain("socket: " + ec.message());
    return 1;
  }
  const Ipv4Endpoint self = sock.local_endpoint(ec);
  const Ipv4Endpoint daemon{talk::platform::kLoopbackAddress, s.port};

  for (int i = 0; i < s.invites; ++i) {
    if (!round_trip(sock, daemon, make_request(proto::RequestType::LeaveInvite, self, i))) {
      complain("no answer to LEAVE_INVITE " + std::to_string(i));
      return 1;
    }
  }

  // Latency: one request at a time.
  std::vector<double> rtts;
  for (int i = 0; i < 2000; ++i) {
    const auto start = Clock::now();
    if (!round_trip(sock, daemon, make_request(proto::RequestType::LookUp, self, i))) {
      complain("no answer to LOOK_UP");
      return 1;
    }
    rtts.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(rtts.begin(), rtts.end());

  // Throughput: keep `in_flight` requests outstanding for `seconds`.
  const auto lookup = proto::encode(make_request(proto::RequestType::LookUp, self, 1));
  long answered = 0;
  int outstanding = 0;
  const auto deadline = Clock::now() + std::chrono::duration<double>(s.seconds);
  const auto start = Clock::now();
  while (Clock::now() < deadline) {
    while (outstanding < s.in_flight && !sock.send_to(lookup, daemon)) ++outstanding;
    pollfd pfd{sock.fd(), POLLIN, 0};
    if (::poll(&pfd, 1, 200) <= 0) {
      outstanding = 0;  // lost replies: refill the window
      continue;
    }
    std::uint8_t buffer[64];
    talk::platform::ReceivedDatagram got;
    while (!sock.receive(buffer, got)) {
      ++answered;
      if (outstanding > 0) --outstanding;
    }
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("rtt_median_us=%.1f rtt_p99_us=%.1f lookups_per_s=%.0f invites=%d\n",
              rtts[rtts.size() / 2], rtts[rtts.size() * 99 / 100],
              static_cast<double>(answered) / elapsed, s.invites);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--port")
      s.port = static_cast<std::uint16_t>(std::atoi(value));
    else if (flag == "--seconds")
      s.seconds = std::atof(value);
    else if (flag == "--in-flight")
      s.in_flight = std::atoi(value);
    else if (flag == "--invites")
      s.invites = std::atoi(value);
    else {
      complain("usage: talkd_load [--port N] [--seconds S] [--in-flight K] [--invites N]");
      return 2;
    }
  }
  return run(s);
}
