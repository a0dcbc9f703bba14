// Who is calling: the login name and process id that go into talk requests.
#pragma once

#include <cstdint>
#include <string>

namespace talk::platform {

/// getlogin(), else the passwd entry of the real uid; empty when neither is known.
std::string caller_login_name();
std::int32_t current_process_id();
/// An environment variable, or empty.
std::string environment_value(const char* name);

}  // namespace talk::platform
