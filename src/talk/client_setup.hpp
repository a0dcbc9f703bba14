// Turns the command line and environment into the client's resources: daemon addresses and
// ports, one connected UDP socket per daemon channel, the TCP listener, the rendezvous config.
#pragma once

#include <memory>
#include <string>

#include "platform/datagram_socket.hpp"
#include "platform/tcp_socket.hpp"
#include "talk/options.hpp"
#include "talk/rendezvous.hpp"

namespace talk::client {

struct ClientSetupInput {
  Options options;
  std::string my_name;
  std::int32_t pid = 0;
  std::string talkhost;  // $TALKHOST: the local address to announce, when set
};

struct ClientResources {
  /// Indexed [host][dialect]; the Remote ones stay closed for a talk on this machine.
  platform::UdpSocket sockets[2][2];
  platform::TcpListener listener;
  /// A UDP socket on the listener's port, for callees that answer in utalk's protocol (SRDP);
  /// closed when that port was taken.
  platform::UdpSocket srdp;
  RendezvousConfig config;
};

struct ClientSetup {
  std::unique_ptr<ClientResources> resources;
  std::string error;  // for stderr when resources is null
};

ClientSetup prepare_client(const ClientSetupInput& input);

}  // namespace talk::client
