// Who may ring whom: the site ACL (-a, matching the callee) and the callee's ~/.talkrc
// (matching the caller), combined as inetutils talkd does, with -S making the default deny.
#pragma once

#include <cstdint>
#include <string>

#include "platform/logger.hpp"
#include "platform/user_db.hpp"
#include "platform/user_file_reader.hpp"
#include "talkd/acl_rules.hpp"

namespace talk::talkd {

class AccessPolicy {
 public:
  AccessPolicy(AclRules site_rules, bool strict, const platform::UserDb& users,
               const platform::UserFileReader& files, platform::Logger& logger);

  /// True when `caller` at `address` may ring `callee`:
  /// - the site decision is the last matching site rule for `callee`, else allow (deny
  ///   with strict);
  /// - a site allow defers to the callee's last matching rule for `caller` (default allow);
  /// - a site deny is final with strict; otherwise the callee's file overrides it only when
  ///   the file has rules at all.
  /// An untrusted ~/.talkrc (not a regular file owned by the callee, or writable by group or
  /// others, or a symlink) counts as "deny .*".
  bool allows(const std::string& caller, std::uint32_t address, const std::string& callee) const;

  /// Replaces the site rules (SIGHUP rereads the -a file).
  void set_site_rules(AclRules rules) { site_rules_ = std::move(rules); }

 private:
  AclRules user_rules(const std::string& callee) const;

  AclRules site_rules_;
  bool strict_;
  const platform::UserDb& users_;
  const platform::UserFileReader& files_;
  platform::Logger& logger_;
};

}  // namespace talk::talkd
