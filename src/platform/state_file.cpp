// create_state_file and rewrite_state_file over open(2), fchown(2) and write(2).
#include "platform/state_file.hpp"

#include <cerrno>

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include "platform/unique_fd.hpp"

namespace talk::platform {
namespace {

std::error_code last_error() {
  return {errno, std::generic_category()};
}

}  // namespace

std::error_code create_state_file(const std::string& path, const std::string& user) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd) return last_error();
  if (::geteuid() != 0) return {};
  const passwd* entry = ::getpwnam(user.c_str());
  if (entry == nullptr) return std::make_error_code(std::errc::invalid_argument);
  if (::fchown(fd.get(), entry->pw_uid, entry->pw_gid) != 0) return last_error();
  return {};
}

std::error_code rewrite_state_file(const std::string& path, std::string_view text) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC));
  if (!fd) return last_error();
  while (!text.empty()) {
    const ssize_t n = ::write(fd.get(), text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return last_error();
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

}  // namespace talk::platform
