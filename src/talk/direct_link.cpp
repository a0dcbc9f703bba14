// direct_srdp_link: socket, address and link for utalk's daemon-less forms.
#include "talk/direct_link.hpp"

#include "platform/datagram_socket.hpp"
#include "platform/host_lookup.hpp"
#include "talk/srdp_link.hpp"

namespace talk::client {

DirectLinkFactory direct_srdp_link(const DirectSrdp& direct, bool utf8) {
  return [direct, utf8](PeerView& view, TimePoint now,
                        std::string& error) -> std::unique_ptr<PeerLink> {
    std::optional<platform::Ipv4Endpoint> peer;
    if (!direct.server) {
      std::string why;
      const auto address = platform::resolve_ipv4_host(direct.host, why);
      if (!address) {
        error = direct.host + ": " + why;
        return nullptr;
      }
      peer = platform::Ipv4Endpoint{*address, direct.port};
    }
    std::error_code ec;
    const platform::Ipv4Endpoint local{0, direct.server ? direct.port : std::uint16_t{0}};
    auto socket = std::make_unique<platform::UdpSocket>(platform::UdpSocket::open_bound(local, ec));
    if (ec) {
      error = "Cannot use UDP port " + std::to_string(local.port) + ": " + ec.message();
      return nullptr;
    }
    return std::make_unique<SrdpLink>(std::move(socket), peer, view, utf8, now);
  };
}

}  // namespace talk::client
