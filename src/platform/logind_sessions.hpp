// Reads login records from systemd-logind sessions (when built with libsystemd).
#pragma once

#include <string>
#include <vector>

#include "platform/login_records.hpp"

namespace talk::platform {

/// Sessions as logind reports them (sd_get_sessions or sd_uid_get_sessions, then
/// sd_session_get_tty, _uid, _class, _state: all in systemd 252). A session with a terminal is
/// a record with its line; a live user-class session without one (sshd opens the PAM session
/// before the pty exists, so logind never learns it) is a record with an empty line. Without
/// libsystemd, or when the machine was not booted with systemd, reports none.
class LogindSessionSource final : public LoginSource {
 public:
  std::vector<LoginRecord> logins() const override;
  std::vector<LoginRecord> logins_of(const std::string& user, uid_t uid) const override;
  /// True when this build can ask logind at all.
  static bool available();
  /// True when this build can ask logind and the machine (or container) runs systemd.
  static bool running();
};

}  // namespace talk::platform
