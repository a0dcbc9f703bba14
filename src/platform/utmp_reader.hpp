// Reads login records from a utmp file (the system's, or a private one given with --utmp).
#pragma once

#include <string>
#include <vector>

#include "platform/login_records.hpp"

namespace talk::platform {

/// The default utmp path of the C library (/run/utmp on Linux).
std::string default_utmp_path();

/// Reads the whole file on each call, record by record; no global utmp state is touched.
class UtmpFileSource final : public LoginSource {
 public:
  explicit UtmpFileSource(std::string path) : path_(std::move(path)) {}
  std::vector<LoginRecord> logins() const override;
  /// True when the file exists (Debian 13 and other utmp-free systems have none).
  bool present() const;

 private:
  std::string path_;
};

/// Appends a USER_PROCESS (or, when `user_process` is false, DEAD_PROCESS) record to a utmp
/// file: what a login program does. Used by tests and tools that make private utmp files.
bool append_utmp_record(const std::string& path, const LoginRecord& record);

}  // namespace talk::platform
