// The account seam: a login name's uid, gid and home directory.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <sys/types.h>

namespace talk::platform {

struct UserInfo {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home;
};

class UserDb {
 public:
  virtual ~UserDb() = default;
  virtual std::optional<UserInfo> find(std::string_view name) const = 0;
};

/// getpwnam_r.
class PasswdUserDb final : public UserDb {
 public:
  std::optional<UserInfo> find(std::string_view name) const override;
};

}  // namespace talk::platform
