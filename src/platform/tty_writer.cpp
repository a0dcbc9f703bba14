// DevTtyWriter: lstat/fstat checks and a non-blocking write bounded in time.
#include "platform/tty_writer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "platform/unique_fd.hpp"

namespace talk::platform {
namespace {

std::error_code last_error() {
  return {errno, std::generic_category()};
}

TtyInfo info_from(const struct stat& st) {
  TtyInfo info;
  info.owner = st.st_uid;
  info.group_writable = (st.st_mode & S_IWGRP) != 0;
  info.last_input = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(st.st_atim.tv_sec) + std::chrono::nanoseconds(st.st_atim.tv_nsec)));
  return info;
}

}  // namespace

bool is_safe_tty_name(std::string_view line) {
  if (line.empty() || line.size() > 64 || line.front() == '/' || line.back() == '/') return false;
  std::size_t start = 0;
  while (start <= line.size()) {
    const std::size_t slash = std::min(line.find('/', start), line.size());
    const std::string_view part = line.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = slash + 1;
  }
  for (const char c : line) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<TtyInfo> DevTtyWriter::probe(std::string_view line) const {
  if (!is_safe_tty_name(line)) return std::nullopt;
  const std::string path = dev_dir_ + "/" + std::string(line);
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISCHR(st.st_mode)) return std::nullopt;
  return info_from(st);
}

std::error_code DevTtyWriter::write(std::string_view line, std::string_view bytes, uid_t owner) {
  if (!is_safe_tty_name(line)) return std::make_error_code(std::errc::invalid_argument);
  const std::string path = dev_dir_ + "/" + std::string(line);
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC));
  if (!fd) {
    return errno == EACCES ? std::make_error_code(std::errc::permission_denied) : last_error();
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return last_error();
  if (!S_ISCHR(st.st_mode) || !::isatty(fd.get())) {
    return std::make_error_code(std::errc::not_a_stream);
  }
  if (st.st_uid != owner || (st.st_mode & S_IWGRP) == 0) {
    return std::make_error_code(std::errc::permission_denied);
  }

  const auto deadline = std::chrono::steady_clock::now() + bound_;
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t wrote = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (wrote > 0) {
      done += static_cast<std::size_t>(wrote);
      continue;
    }
    if (wrote < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      return last_error();
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::make_error_code(std::errc::timed_out);
    pollfd item{fd.get(), POLLOUT, 0};
    ::poll(&item, 1, static_cast<int>(left.count()));
  }
  return {};
}

}  // namespace talk::platform
