// LogindSessionSource: sessions from sd-login, when libsystemd is built in.
#include "platform/logind_sessions.hpp"

#include <sys/stat.h>

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>

#include "talk_config.hpp"

#if TALK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#include <systemd/sd-login.h>
#endif

namespace talk::platform {
namespace {

#if TALK_HAVE_SYSTEMD
// A string sd-login allocated, freed on scope exit.
class SdString {
 public:
  SdString() = default;
  SdString(const SdString&) = delete;
  SdString& operator=(const SdString&) = delete;
  ~SdString() { std::free(text_); }
  char** out() { return &text_; }
  const char* get() const { return text_; }

 private:
  char* text_ = nullptr;
};

// The session's terminal; "" for a live user-class session without one; nullopt when the
// session does not count (a background or manager session without a terminal, a closing one).
std::optional<std::string> session_line(const char* session) {
  SdString tty;
  if (::sd_session_get_tty(session, tty.out()) >= 0 && tty.get() != nullptr && *tty.get() != 0) {
    return std::string(tty.get());
  }
  SdString kind;
  SdString state;
  if (::sd_session_get_class(session, kind.out()) < 0 || kind.get() == nullptr ||
      std::strcmp(kind.get(), "user") != 0) {
    return std::nullopt;
  }
  if (::sd_session_get_state(session, state.out()) >= 0 && state.get() != nullptr &&
      std::strcmp(state.get(), "closing") == 0) {
    return std::nullopt;
  }
  return std::string();
}

std::optional<std::string> user_name(uid_t uid) {
  passwd pw{};
  passwd* found = nullptr;
  char buffer[4096];
  if (::getpwuid_r(uid, &pw, buffer, sizeof buffer, &found) != 0 || found == nullptr) {
    return std::nullopt;
  }
  return std::string(found->pw_name);
}

// Frees a session list sd-login returned.
void free_list(char** sessions, int count) {
  if (sessions == nullptr) return;
  for (int i = 0; i < count; ++i) std::free(sessions[i]);
  std::free(sessions);
}
#endif

}  // namespace

bool LogindSessionSource::available() {
  return TALK_HAVE_SYSTEMD != 0;
}

bool LogindSessionSource::running() {
#if TALK_HAVE_SYSTEMD
  // True on a machine or container booted with systemd (systemd-nspawn --boot included) and
  // false in a plain chroot or under another init, where logind has nothing. This is the test
  // sd_booted(3) documents (the directory /run/systemd/system/ exists), made here so that a
  // start that never lists sessions does not load libsystemd and its libraries.
  struct stat st {};
  return ::lstat("/run/systemd/system/", &st) == 0 && S_ISDIR(st.st_mode);
#else
  return false;
#endif
}

std::vector<LoginRecord> LogindSessionSource::logins() const {
  std::vector<LoginRecord> records;
#if TALK_HAVE_SYSTEMD
  if (!running()) return records;
  char** sessions = nullptr;
  const int count = ::sd_get_sessions(&sessions);
  std::map<uid_t, std::optional<std::string>> names;  // one passwd lookup per user
  for (int i = 0; i < count && sessions != nullptr; ++i) {
    uid_t uid = 0;
    if (::sd_session_get_uid(sessions[i], &uid) < 0) continue;
    std::optional<std::string> line = session_line(sessions[i]);
    if (!line) continue;
    auto name = names.find(uid);
    if (name == names.end()) name = names.emplace(uid, user_name(uid)).first;
    if (!name->second) continue;
    records.push_back({*name->second, std::move(*line), 0, true});
  }
  free_list(sessions, count);
#endif
  return records;
}

std::vector<LoginRecord> LogindSessionSource::logins_of(const std::string& user, uid_t uid) const {
  std::vector<LoginRecord> records;
#if TALK_HAVE_SYSTEMD
  if (!running()) return records;
  char** sessions = nullptr;
  const int count = ::sd_uid_get_sessions(uid, 0, &sessions);
  for (int i = 0; i < count && sessions != nullptr; ++i) {
    std::optional<std::string> line = session_line(sessions[i]);
    if (line) records.push_back({user, std::move(*line), 0, true});
  }
  free_list(sessions, count);
#else
  static_cast<void>(user);
  static_cast<void>(uid);
#endif
  return records;
}

}  // namespace talk::platform
