// The login-record seam: who is logged in on which terminal (utmp, logind, or a test fake).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace talk::platform {

/// One login as a record source reports it. `line` is the terminal without "/dev/" ("pts/3");
/// empty for a session that has no terminal of its own (logind's ssh sessions).
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
  /// The records of one user (`uid` is theirs). Sources that can ask for one user directly
  /// override this; the default filters logins().
  virtual std::vector<LoginRecord> logins_of(const std::string& user, uid_t /*uid*/) const {
    std::vector<LoginRecord> mine;
    for (LoginRecord& record : logins()) {
      if (record.user == user) mine.push_back(std::move(record));
    }
    return mine;
  }
};

}  // namespace talk::platform
