// The daemon side of a rendezvous: the datagrams between a Rendezvous and the daemons over a
// client's sockets, shared by the one-to-one session and each conference member's call.
#pragma once

#include <system_error>

#include "talk/client_setup.hpp"
#include "talk/rendezvous.hpp"

namespace talk::client {

/// Hands what the daemons sent (at most 64 datagrams a socket) to `rendezvous`; a socket's error
/// goes to it too.
void receive_from_daemons(ClientResources& resources, Rendezvous& rendezvous, TimePoint now);

/// Sends a Send action's bytes to its daemon; a closed port may show up here as an error.
std::error_code send_to_daemon(ClientResources& resources, const RendezvousAction& action);

}  // namespace talk::client
