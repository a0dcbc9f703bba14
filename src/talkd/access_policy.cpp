// AccessPolicy: site rules parsed once, the callee's ~/.talkrc read per request.
#include "talkd/access_policy.hpp"

namespace talk::talkd {

AccessPolicy::AccessPolicy(AclRules site_rules, bool strict, const platform::UserDb& users,
                           const platform::UserFileReader& files, platform::Logger& logger)
    : site_rules_(std::move(site_rules)),
      strict_(strict),
      users_(users),
      files_(files),
      logger_(logger) {}

AclRules AccessPolicy::user_rules(const std::string& callee) const {
  const auto account = users_.find(callee);
  if (!account || account->home.empty()) return {};
  const std::string path = account->home + "/.talkrc";
  const platform::UserFile file = files_.read(path, account->uid);
  switch (file.status) {
    case platform::UserFile::Status::Missing:
    case platform::UserFile::Status::Unreadable:
      return {};
    case platform::UserFile::Status::Untrusted:
      logger_.log(platform::LogLevel::Warning, "ignoring " + path + ": insecure ownership or mode");
      return AclRules::deny_all();
    case platform::UserFile::Status::Trusted:
      break;
  }
  std::vector<std::string> problems;
  AclRules rules = AclRules::parse(file.text, problems);
  for (const std::string& problem : problems) {
    logger_.log(platform::LogLevel::Debug, std::string(path).append(":").append(problem));
  }
  return rules;
}

bool AccessPolicy::allows(const std::string& caller, std::uint32_t address,
                          const std::string& callee) const {
  const auto site = site_rules_.match(callee, address);
  const AclAction site_action = site.value_or(strict_ ? AclAction::Deny : AclAction::Allow);
  const AclRules user = user_rules(callee);
  const AclAction user_action = user.match(caller, address).value_or(AclAction::Allow);
  if (site_action == AclAction::Allow) return user_action == AclAction::Allow;
  if (strict_) return false;
  return !user.empty() && user_action == AclAction::Allow;
}

}  // namespace talk::talkd
