// UtmpFileSource: reads fixed-size utmp records straight from the file.
#include "platform/utmp_reader.hpp"

#include <fcntl.h>
#include <paths.h>
#include <unistd.h>
#include <utmp.h>

#include <cstring>
#include <vector>

#include "platform/unique_fd.hpp"

namespace talk::platform {
namespace {

constexpr std::size_t kMaxRecords = 65536;  // a utmp file is small; bound a corrupt one
constexpr std::size_t kChunkRecords = 64;

// A fixed char field as a string: up to the first NUL or the field's end.
template <std::size_t N>
std::string field(const char (&chars)[N]) {
  return std::string(chars, ::strnlen(chars, N));
}

}  // namespace

std::string default_utmp_path() {
  return _PATH_UTMP;
}

std::vector<LoginRecord> UtmpFileSource::logins() const {
  std::vector<LoginRecord> records;
  UniqueFd fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd) return records;
  std::vector<struct utmp> chunk(kChunkRecords);  // one read() per 64 records, not per record
  std::size_t seen = 0;
  while (seen < kMaxRecords) {
    const ssize_t got = ::read(fd.get(), chunk.data(), chunk.size() * sizeof(struct utmp));
    if (got <= 0) break;
    const std::size_t whole = static_cast<std::size_t>(got) / sizeof(struct utmp);
    for (std::size_t i = 0; i < whole && seen < kMaxRecords; ++i, ++seen) {
      const struct utmp& entry = chunk[i];
      if (entry.ut_type != USER_PROCESS && entry.ut_type != DEAD_PROCESS) continue;
      LoginRecord record;
      record.user = field(entry.ut_user);
      record.line = field(entry.ut_line);
      record.pid = entry.ut_pid;
      record.user_process = entry.ut_type == USER_PROCESS;
      records.push_back(std::move(record));
    }
    if (static_cast<std::size_t>(got) % sizeof(struct utmp) != 0) break;  // a torn tail
  }
  return records;
}

bool UtmpFileSource::present() const {
  return ::access(path_.c_str(), F_OK) == 0;
}

bool append_utmp_record(const std::string& path, const LoginRecord& record) {
  struct utmp entry {};
  entry.ut_type = record.user_process ? USER_PROCESS : DEAD_PROCESS;
  entry.ut_pid = record.pid;
  std::strncpy(entry.ut_user, record.user.c_str(), sizeof entry.ut_user);
  std::strncpy(entry.ut_line, record.line.c_str(), sizeof entry.ut_line);
  const std::string id =
      record.line.size() > 4 ? record.line.substr(record.line.size() - 4) : record.line;
  std::strncpy(entry.ut_id, id.c_str(), sizeof entry.ut_id);
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
  if (!fd) return false;
  return ::write(fd.get(), &entry, sizeof entry) == static_cast<ssize_t>(sizeof entry);
}

}  // namespace talk::platform
