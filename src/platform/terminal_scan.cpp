// DevPtsScan: the user's ptys from one listing of /dev/pts and an lstat per entry.
#include "platform/terminal_scan.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace talk::platform {
namespace {

constexpr std::size_t kMaxEntries = 1U << 20;  // bounds the walk of a strange directory

bool is_pty_number(std::string_view name) {
  return !name.empty() && name.size() <= 10 &&
         std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<std::string> DevPtsScan::terminals_of(uid_t uid) const {
  std::vector<std::string> lines;
  const std::string dir_path = dev_dir_ + "/pts";
  DIR* dir = ::opendir(dir_path.c_str());
  if (dir == nullptr) return lines;
  const int dir_fd = ::dirfd(dir);
  std::size_t seen = 0;
  while (const dirent* entry = ::readdir(dir)) {
    if (++seen > kMaxEntries) break;
    const std::string_view name = entry->d_name;
    if (!is_pty_number(name)) continue;  // ".", "..", "ptmx"
    if (entry->d_type != DT_CHR && entry->d_type != DT_UNKNOWN) continue;
    struct stat st {};
    if (::fstatat(dir_fd, entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    if (S_ISCHR(st.st_mode) && st.st_uid == uid) lines.push_back("pts/" + std::string(name));
  }
  ::closedir(dir);
  return lines;
}

}  // namespace talk::platform
