// SafeUserFileReader: open without following symlinks, check with fstat, read a bounded size.
#include "platform/user_file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "platform/unique_fd.hpp"

namespace talk::platform {
namespace {
constexpr std::size_t kMaxSize = std::size_t{64} * 1024;
constexpr std::size_t kMaxAdminSize = std::size_t{1024} * 1024;
}  // namespace

std::optional<std::string> read_admin_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) return std::nullopt;
  std::string text;
  char buffer[4096];
  while (text.size() < kMaxAdminSize) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return std::nullopt;
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

UserFile SafeUserFileReader::read(const std::string& path, uid_t owner) const {
  UserFile file;
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (!fd) {
    if (errno == ENOENT || errno == ENOTDIR) {
      file.status = UserFile::Status::Missing;
    } else if (errno == ELOOP) {
      file.status = UserFile::Status::Untrusted;  // a symlink
    } else {
      file.status = UserFile::Status::Unreadable;
    }
    return file;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    file.status = UserFile::Status::Unreadable;
    return file;
  }
  if (!S_ISREG(st.st_mode) || st.st_uid != owner || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    file.status = UserFile::Status::Untrusted;
    return file;
  }
  char buffer[4096];
  while (file.text.size() < kMaxSize) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    file.text.append(buffer, static_cast<std::size_t>(got));
  }
  if (file.text.size() > kMaxSize) file.text.resize(kMaxSize);
  file.status = UserFile::Status::Trusted;
  return file;
}

}  // namespace talk::platform
