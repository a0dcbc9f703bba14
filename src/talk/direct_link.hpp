// The links of conversations that need no talk daemon: utalk's raw server and client modes and
// the answer to `utalk -a`, over SRDP on a UDP socket of their own.
#pragma once

#include "talk/options.hpp"
#include "talk/session.hpp"

namespace talk::client {

/// A factory that binds the UDP socket (PORT for the server, any port for the client),
/// resolves the client's HOST, and makes the SrdpLink.
DirectLinkFactory direct_srdp_link(const DirectSrdp& direct, bool utf8);

}  // namespace talk::client
