// LogindSessionSource: sessions with a tty from sd-login, when libsystemd is built in.
#include "platform/logind_sessions.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "talk_config.hpp"

#if TALK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#include <systemd/sd-login.h>
#endif

namespace talk::platform {

bool LogindSessionSource::available() {
  return TALK_HAVE_SYSTEMD != 0;
}

std::vector<LoginRecord> LogindSessionSource::logins() const {
  std::vector<LoginRecord> records;
#if TALK_HAVE_SYSTEMD
  // sd_booted() is false in containers and on non-systemd hosts; logind then has nothing.
  if (::sd_booted() <= 0) return records;
  char** sessions = nullptr;
  const int count = ::sd_get_sessions(&sessions);
  if (count <= 0 || sessions == nullptr) return records;
  for (int i = 0; i < count; ++i) {
    char* tty = nullptr;
    uid_t uid = 0;
    if (::sd_session_get_tty(sessions[i], &tty) >= 0 && tty != nullptr &&
        ::sd_session_get_uid(sessions[i], &uid) >= 0) {
      passwd pw{};
      passwd* found = nullptr;
      char buffer[4096];
      if (::getpwuid_r(uid, &pw, buffer, sizeof buffer, &found) == 0 && found != nullptr) {
        LoginRecord record;
        record.user = found->pw_name;
        record.line = tty;
        records.push_back(std::move(record));
      }
    }
    std::free(tty);
    std::free(sessions[i]);
  }
  std::free(sessions);
#endif
  return records;
}

}  // namespace talk::platform
