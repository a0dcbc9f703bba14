// Reads configuration files that others could tamper with (~/.talkrc, the site ACL file).
#pragma once

#include <optional>
#include <string>

#include <sys/types.h>

namespace talk::platform {

struct UserFile {
  enum class Status { Missing, Trusted, Untrusted, Unreadable };
  Status status = Status::Missing;
  std::string text;  // filled only when Trusted
};

class UserFileReader {
 public:
  virtual ~UserFileReader() = default;
  /// Reads `path` without following a symlink. Trusted only for a regular file owned by
  /// `owner` and not writable by group or others; Untrusted otherwise. At most 64 KiB.
  virtual UserFile read(const std::string& path, uid_t owner) const = 0;
};

/// Reads an administrator's file (the site ACL) as it is, up to 1 MiB; nullopt when it cannot
/// be opened or read.
std::optional<std::string> read_admin_file(const std::string& path);

class SafeUserFileReader final : public UserFileReader {
 public:
  UserFile read(const std::string& path, uid_t owner) const override;
};

}  // namespace talk::platform
