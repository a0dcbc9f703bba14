// read_private_file and first_line_of_command over open/fstat and popen.
#include "platform/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "platform/unique_fd.hpp"

namespace talk::platform {
namespace {
constexpr std::size_t kMaxSize = std::size_t{64} * 1024;
}  // namespace

PrivateFile read_private_file(const std::string& path, uid_t owner) {
  PrivateFile file;
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (!fd) {
    if (errno == ENOENT || errno == ENOTDIR) {
      file.status = PrivateFile::Status::Missing;
    } else if (errno == ELOOP) {
      file.status = PrivateFile::Status::Exposed;
    } else {
      file.status = PrivateFile::Status::Unreadable;
      file.error = std::strerror(errno);
    }
    return file;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    file.status = PrivateFile::Status::Unreadable;
    file.error = std::strerror(errno);
    return file;
  }
  if (!S_ISREG(st.st_mode) || st.st_uid != owner) {
    file.status = PrivateFile::Status::NotOwned;
    return file;
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    file.status = PrivateFile::Status::Exposed;
    return file;
  }
  char buffer[4096];
  while (file.text.size() < kMaxSize) {
    const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      file.status = PrivateFile::Status::Unreadable;
      file.error = std::strerror(errno);
      return file;
    }
    if (got == 0) break;
    file.text.append(buffer, static_cast<std::size_t>(got));
  }
  if (file.text.size() > kMaxSize) file.text.resize(kMaxSize);
  file.status = PrivateFile::Status::Ok;
  return file;
}

uid_t real_user_id() {
  return ::getuid();
}

std::optional<std::string> first_line_of_command(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "re");
  if (pipe == nullptr) return std::nullopt;
  std::string output;
  char buffer[512];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
    if (output.size() < kMaxSize) output.append(buffer, got);
  }
  const int status = ::pclose(pipe);
  if (status != 0) return std::nullopt;
  output = output.substr(0, output.find('\n'));
  if (!output.empty() && output.back() == '\r') output.pop_back();
  if (output.empty()) return std::nullopt;
  return output;
}

}  // namespace talk::platform
