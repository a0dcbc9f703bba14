// Finds the terminal to ring for a callee: logins from every source merged, the least idle
// group-writable terminal owned by the callee.
#pragma once

#include <string>
#include <vector>

#include "platform/login_records.hpp"
#include "platform/terminal_scan.hpp"
#include "platform/tty_writer.hpp"
#include "platform/user_db.hpp"
#include "protocol/constants.hpp"

namespace talk::talkd {

struct Location {
  proto::Answer answer = proto::Answer::NotHere;  // Success, NotHere or PermissionDenied
  std::string tty;                                // the chosen line on Success
  uid_t uid = 0;                                  // the callee's uid on Success
  std::string user;                               // the callee's full login name
};

/// Where to look when the login records name no terminal. The scan is asked when the callee
/// has a session without a terminal (an ssh login under logind), or for every callee when
/// `always` is set: the machine keeps no record of logins at all (no utmp file, no logind).
struct TerminalFallback {
  const platform::TerminalScan* scan = nullptr;  // nullptr: records only
  bool always = false;
};

class UserLocator {
 public:
  UserLocator(std::vector<const platform::LoginSource*> sources, const platform::TtyWriter& ttys,
              const platform::UserDb& users, TerminalFallback fallback = {});

  /// NOT_HERE when `user` has no usable login; PERMISSION_DENIED when every terminal of the
  /// user refuses messages (mesg n); otherwise the terminal to ring. A requested tty is used
  /// only when it is one of the user's terminals; otherwise the best terminal is chosen.
  Location locate(const std::string& user, const std::string& requested_tty) const;

  /// The distinct terminal lines `user` is logged in on, from all sources in order (utmp,
  /// logind, then the scan when the fallback applies).
  std::vector<std::string> lines_of(const std::string& user) const;

  /// The login name a request means. The protocol cuts names to fit `field_size` bytes with
  /// their NUL (12 in ntalk, 9 in otalk), so a name of exactly field_size - 1 bytes that nobody
  /// is logged in as stands for the one logged-in user whose name starts with it, if there is
  /// exactly one.
  std::string login_name_for(const std::string& name, std::size_t field_size) const;

 private:
  std::vector<std::string> lines_of(const std::string& user, uid_t uid) const;

  std::vector<const platform::LoginSource*> sources_;
  const platform::TtyWriter& ttys_;
  const platform::UserDb& users_;
  TerminalFallback fallback_;
};

}  // namespace talk::talkd
