// Reads login records from systemd-logind sessions (when built with libsystemd).
#pragma once

#include <vector>

#include "platform/login_records.hpp"

namespace talk::platform {

/// Sessions with a terminal, as logind reports them (sd_get_sessions, sd_session_get_tty,
/// sd_session_get_uid). Without libsystemd, or when logind is not running, reports none.
class LogindSessionSource final : public LoginSource {
 public:
  std::vector<LoginRecord> logins() const override;
  /// True when this build can ask logind at all.
  static bool available();
};

}  // namespace talk::platform
