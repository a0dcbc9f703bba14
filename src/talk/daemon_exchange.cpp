// receive_from_daemons, send_to_daemon: non-blocking reads and writes of the daemon sockets.
#include "talk/daemon_exchange.hpp"

#include <array>

namespace talk::client {

void receive_from_daemons(ClientResources& resources, Rendezvous& rendezvous, TimePoint now) {
  for (int h = 0; h < 2; ++h) {
    for (int d = 0; d < 2; ++d) {
      auto& socket = resources.sockets[h][d];
      if (!socket.valid()) continue;
      const Channel channel{static_cast<DaemonHost>(h), static_cast<Dialect>(d)};
      for (int i = 0; i < 64; ++i) {
        std::array<std::uint8_t, 128> buffer{};
        platform::ReceivedDatagram got;
        const auto ec = socket.receive(buffer, got);
        if (ec == std::errc::resource_unavailable_try_again) break;
        if (ec) {
          rendezvous.on_channel_error(channel, ec, now);
          break;
        }
        if (got.size > buffer.size() || !got.source_is_ipv4) continue;
        rendezvous.on_datagram(channel, std::span(buffer).first(got.size), got.source, now);
      }
    }
  }
}

std::error_code send_to_daemon(ClientResources& resources, const RendezvousAction& action) {
  const auto h = static_cast<std::size_t>(action.channel.host);
  const auto d = static_cast<std::size_t>(action.channel.dialect);
  return resources.sockets[h][d].send_to(action.bytes, resources.config.daemon[h][d]);
}

}  // namespace talk::client
