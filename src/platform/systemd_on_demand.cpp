// The libsystemd functions talk-ng calls, loaded on first use: the programs do not link
// libsystemd (and its compression and crypto libraries), so a start that needs no logind
// session list loads none of it. Without libsystemd at run time, they answer as on a machine
// without systemd.
#include <dlfcn.h>

#include <cerrno>

#include "talk_config.hpp"

#if TALK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#include <systemd/sd-login.h>

namespace talk::platform {
namespace {

void* libsystemd() {
  // Opened once per process, on the first call; never closed (the functions stay in use).
  static void* const handle = ::dlopen("libsystemd.so.0", RTLD_NOW | RTLD_LOCAL);
  return handle;
}

template <typename Fn>
Fn find(const char* name) {
  void* handle = libsystemd();
  return handle == nullptr ? nullptr : reinterpret_cast<Fn>(::dlsym(handle, name));
}

}  // namespace
}  // namespace talk::platform

// Each forwards to libsystemd's function of the same name, or fails with -ENOSYS.
#define TALK_SD_FORWARD(name, params, args)                                  \
  extern "C" int name params {                                               \
    static const auto real = talk::platform::find<decltype(&::name)>(#name); \
    return real == nullptr ? -ENOSYS : real args;                            \
  }

extern "C" int sd_booted(void) {
  static const auto real = talk::platform::find<decltype(&::sd_booted)>("sd_booted");
  return real == nullptr ? 0 : real();
}
TALK_SD_FORWARD(sd_get_sessions, (char*** sessions), (sessions))
TALK_SD_FORWARD(sd_get_uids, (uid_t * *users), (users))
TALK_SD_FORWARD(sd_uid_get_sessions, (uid_t uid, int require_active, char*** sessions),
                (uid, require_active, sessions))
TALK_SD_FORWARD(sd_uid_get_state, (uid_t uid, char** state), (uid, state))
TALK_SD_FORWARD(sd_session_is_active, (const char* session), (session))
TALK_SD_FORWARD(sd_session_is_remote, (const char* session), (session))
TALK_SD_FORWARD(sd_session_get_state, (const char* session, char** state), (session, state))
TALK_SD_FORWARD(sd_session_get_uid, (const char* session, uid_t* uid), (session, uid))
TALK_SD_FORWARD(sd_session_get_seat, (const char* session, char** seat), (session, seat))
TALK_SD_FORWARD(sd_session_get_service, (const char* session, char** service), (session, service))
TALK_SD_FORWARD(sd_session_get_type, (const char* session, char** type), (session, type))
TALK_SD_FORWARD(sd_session_get_class, (const char* session, char** clazz), (session, clazz))
TALK_SD_FORWARD(sd_session_get_desktop, (const char* session, char** desktop), (session, desktop))
TALK_SD_FORWARD(sd_session_get_display, (const char* session, char** display), (session, display))
TALK_SD_FORWARD(sd_session_get_remote_host, (const char* session, char** host), (session, host))
TALK_SD_FORWARD(sd_session_get_remote_user, (const char* session, char** user), (session, user))
TALK_SD_FORWARD(sd_session_get_tty, (const char* session, char** display), (session, display))
TALK_SD_FORWARD(sd_session_get_vt, (const char* session, unsigned* vtnr), (session, vtnr))
TALK_SD_FORWARD(sd_listen_fds, (int unset_environment), (unset_environment))

#undef TALK_SD_FORWARD

#endif
