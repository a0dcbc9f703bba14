// systemd socket activation: the descriptors passed with LISTEN_FDS/LISTEN_PID.
#pragma once

#include <system_error>
#include <vector>

#include "platform/unique_fd.hpp"

namespace talk::platform {

/// True when the environment says sockets were passed to this process.
bool socket_activation_requested();

/// Takes the passed descriptors (sd_listen_fds when built with libsystemd, otherwise the
/// environment is parsed the same way) and unsets the variables. Each fd is marked
/// close-on-exec. An empty vector with no error means nothing was passed.
std::vector<UniqueFd> take_activation_sockets(std::error_code& ec);

}  // namespace talk::platform
