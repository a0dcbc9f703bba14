// Dropping root for good once the sockets are open.
#pragma once

#include <string>
#include <system_error>

namespace talk::platform {

bool running_as_root();

/// setgroups({tty}), setgid(tty), setuid(user's uid), then verifies that root cannot be
/// regained. `error_text` says what failed.
std::error_code drop_privileges(const std::string& user, const std::string& group,
                                std::string& error_text);

}  // namespace talk::platform
