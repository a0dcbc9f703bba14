// Login name, pid and environment lookups for the talk client.
#include "platform/client_identity.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

namespace talk::platform {

std::string caller_login_name() {
  if (const char* name = ::getlogin(); name != nullptr && *name != '\0') return name;
  if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  return {};
}

std::int32_t current_process_id() {
  return static_cast<std::int32_t>(::getpid());
}

std::string environment_value(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace talk::platform
