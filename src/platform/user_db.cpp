// PasswdUserDb: getpwnam_r with a growing buffer.
#include "platform/user_db.hpp"

#include <pwd.h>

#include <cerrno>
#include <vector>

namespace talk::platform {

std::optional<UserInfo> PasswdUserDb::find(std::string_view name) const {
  const std::string key(name);
  if (key.empty()) return std::nullopt;
  std::vector<char> buffer(4096);
  for (int attempt = 0; attempt < 6; ++attempt) {
    passwd entry{};
    passwd* found = nullptr;
    const int rc = ::getpwnam_r(key.c_str(), &entry, buffer.data(), buffer.size(), &found);
    if (rc == ERANGE) {
      buffer.resize(buffer.size() * 2);
      continue;
    }
    if (rc != 0 || found == nullptr) return std::nullopt;
    return UserInfo{found->pw_uid, found->pw_gid, found->pw_dir ? found->pw_dir : ""};
  }
  return std::nullopt;
}

}  // namespace talk::platform
