// prepare_client: ports from the options or /etc/services, host lookups, sockets.
#include "talk/client_setup.hpp"

#include "platform/host_lookup.hpp"

namespace talk::client {
namespace {

constexpr std::uint32_t kLoopback = platform::kLoopbackAddress;

std::uint16_t port_for(const std::optional<std::uint16_t>& given, const char* service,
                       std::uint16_t fallback) {
  if (given) return *given;
  return platform::udp_service_port(service).value_or(fallback);
}

}  // namespace

ClientSetup prepare_client(const ClientSetupInput& input) {
  ClientSetup setup;
  auto res = std::make_unique<ClientResources>();
  RendezvousConfig& c = res->config;
  const Options& options = input.options;
  c.my_name = input.my_name;
  c.peer_name = options.person.user;
  c.announce_as_utalk = options.announce_utalk;
  c.peer_tty = options.person.tty;
  c.pid = input.pid;
  const std::uint16_t ntalk_port = port_for(options.daemon_port, "ntalk", proto::kNtalkPort);
  const std::uint16_t otalk_port = port_for(options.otalk_port, "talk", proto::kOtalkPort);
  c.otalk_enabled = otalk_port != ntalk_port;

  std::uint32_t remote = kLoopback;
  if (!options.person.host.empty()) {
    std::string why;
    const auto address = platform::resolve_ipv4_host(options.person.host, why);
    if (!address) {
      setup.error = options.person.host + ": " + why;
      return setup;
    }
    remote = *address;
  }
  c.same_host = platform::is_loopback(remote);
  c.remote_host_name = options.person.host.empty() ? "localhost" : options.person.host;

  std::uint32_t announce = 0;
  if (!input.talkhost.empty()) {
    std::string why;
    const auto address = platform::resolve_ipv4_host(input.talkhost, why);
    if (!address) {
      setup.error = "TALKHOST " + input.talkhost + ": " + why;
      return setup;
    }
    announce = *address;
  } else if (const auto ec = platform::local_address_towards(remote, announce)) {
    setup.error = "no route to " + c.remote_host_name + ": " + ec.message();
    return setup;
  }

  const std::uint32_t hosts[2] = {kLoopback, remote};
  const std::uint16_t ports[2] = {ntalk_port, otalk_port};
  for (int h = 0; h < 2; ++h) {
    if (h == 1 && c.same_host) break;
    for (int d = 0; d < 2; ++d) {
      c.daemon[h][d] = {hosts[h], ports[d]};
      std::error_code ec;
      auto& socket = res->sockets[h][d];
      socket = platform::UdpSocket::open_bound({0, 0}, ec);
      if (!ec) ec = socket.connect(c.daemon[h][d]);
      if (!ec) c.ctl_addr[h][d] = socket.local_endpoint(ec);
      if (ec) {
        setup.error = "cannot open a socket to the talk daemon: " + ec.message();
        return setup;
      }
    }
  }
  if (c.same_host) {
    for (int d = 0; d < 2; ++d) {
      c.daemon[1][d] = c.daemon[0][d];
      c.ctl_addr[1][d] = c.ctl_addr[0][d];
    }
  }
  std::error_code ec;
  res->listener = platform::TcpListener::open_any(ec);
  if (ec) {
    setup.error = "Error on attempt to listen for caller: " + ec.message();
    return setup;
  }
  c.listen_addr = {announce, res->listener.port()};
  // The same port for utalk's protocol: a utalk callee answers the invitation over UDP. Without
  // it (the port is taken) only talk callees can answer.
  std::error_code srdp_ec;
  res->srdp = platform::UdpSocket::open_bound({0, res->listener.port()}, srdp_ec);
  setup.resources = std::move(res);
  return setup;
}

}  // namespace talk::client
