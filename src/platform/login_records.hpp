// The login-record seam: who is logged in on which terminal (utmp, logind, or a test fake).
#pragma once

#include <string>
#include <vector>

namespace talk::platform {

/// One login as a record source reports it. `line` is the terminal without "/dev/" ("pts/3").
struct LoginRecord {
  std::string user;
  std::string line;
  int pid = 0;
  bool user_process = true;  // utmp USER_PROCESS; logind sessions always are

  friend bool operator==(const LoginRecord&, const LoginRecord&) = default;
};

class LoginSource {
 public:
  virtual ~LoginSource() = default;
  /// The current records. A source that cannot be read reports none.
  virtual std::vector<LoginRecord> logins() const = 0;
};

}  // namespace talk::platform
