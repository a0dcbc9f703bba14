// A daemon's small state file (in /run): made before dropping root and handed to the user the
// daemon runs as, then rewritten whole as the state changes.
#pragma once

#include <string>
#include <string_view>
#include <system_error>

namespace talk::platform {

/// Creates `path` empty (mode 600, not through a symlink), owned by `user` when run as root.
std::error_code create_state_file(const std::string& path, const std::string& user);

/// Replaces the contents of the existing `path` with `text`.
std::error_code rewrite_state_file(const std::string& path, std::string_view text);

}  // namespace talk::platform
