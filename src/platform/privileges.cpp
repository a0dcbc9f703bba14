// drop_privileges: setgroups, setgid, setuid, and a check that root is gone for good.
#include "platform/privileges.hpp"

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cerrno>

namespace talk::platform {

bool running_as_root() {
  return ::geteuid() == 0;
}

std::error_code drop_privileges(const std::string& user, const std::string& group,
                                std::string& error_text) {
  auto fail = [&](const std::string& what) {
    const int saved = errno != 0 ? errno : EPERM;
    error_text = what;
    return std::error_code(saved, std::generic_category());
  };
  errno = 0;
  const passwd* pw = ::getpwnam(user.c_str());
  if (pw == nullptr) return fail("unknown user " + user);
  const uid_t uid = pw->pw_uid;
  gid_t gid = pw->pw_gid;
  if (!group.empty()) {
    errno = 0;
    const struct group* gr = ::getgrnam(group.c_str());
    if (gr == nullptr) return fail("unknown group " + group);
    gid = gr->gr_gid;
  }
  if (uid == 0) {
    errno = EINVAL;
    return fail("refusing to run as root (user " + user + ")");
  }
  if (::setgroups(1, &gid) != 0) return fail("setgroups");
  if (::setgid(gid) != 0) return fail("setgid");
  if (::setuid(uid) != 0) return fail("setuid");
  if (::setuid(0) == 0 || ::geteuid() == 0 || ::getegid() != gid) {
    errno = EPERM;
    return fail("root privileges could be regained");
  }
  // No set-user-ID program this process might run can give anything back either.
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return fail("prctl(PR_SET_NO_NEW_PRIVS)");
  return {};
}

}  // namespace talk::platform
