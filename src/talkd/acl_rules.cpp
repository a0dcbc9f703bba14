// AclRules: POSIX basic regular expressions (as inetutils compiles them) and IPv4 nets.
#include "talkd/acl_rules.hpp"

#include <regex.h>

#include <sstream>

#include "platform/endpoint.hpp"

namespace talk::talkd {

/// Owns one compiled regex_t.
class AclRegex {
 public:
  explicit AclRegex(const std::string& pattern) {
    ok_ = ::regcomp(&regex_, pattern.c_str(), REG_NOSUB) == 0;
  }
  ~AclRegex() {
    if (ok_) ::regfree(&regex_);
  }
  AclRegex(const AclRegex&) = delete;
  AclRegex& operator=(const AclRegex&) = delete;
  bool ok() const { return ok_; }
  bool matches(const std::string& text) const {
    return ok_ && ::regexec(&regex_, text.c_str(), 0, nullptr, 0) == 0;
  }

 private:
  regex_t regex_{};
  bool ok_ = false;
};

std::optional<AclNet> parse_acl_net(std::string_view text) {
  if (text == "any") return AclNet{0, 0};
  const auto slash = text.find('/');
  const auto address = platform::parse_ipv4(text.substr(0, slash));
  if (!address) return std::nullopt;
  if (slash == std::string_view::npos) return AclNet{*address, 0xffffffffU};
  const std::string_view suffix = text.substr(slash + 1);
  if (suffix.find('.') != std::string_view::npos) {
    const auto mask = platform::parse_ipv4(suffix);
    if (!mask) return std::nullopt;
    return AclNet{*address, *mask};
  }
  if (suffix.empty() || suffix.size() > 2) return std::nullopt;
  unsigned length = 0;
  for (const char c : suffix) {
    if (c < '0' || c > '9') return std::nullopt;
    length = length * 10 + static_cast<unsigned>(c - '0');
  }
  if (length > 32) return std::nullopt;
  const std::uint32_t mask = length == 0 ? 0U : 0xffffffffU << (32 - length);
  return AclNet{*address, mask};
}

AclRules AclRules::parse(std::string_view text, std::vector<std::string>& problems) {
  AclRules rules;
  std::istringstream input{std::string(text)};
  std::string line;
  int number = 0;
  while (std::getline(input, line)) {
    ++number;
    std::istringstream words(line);
    std::string keyword;
    if (!(words >> keyword) || keyword.front() == '#') continue;
    AclRule rule;
    rule.line = number;
    if (keyword == "allow") {
      rule.action = AclAction::Allow;
    } else if (keyword == "deny") {
      rule.action = AclAction::Deny;
    } else {
      problems.push_back(std::to_string(number) + ": unknown keyword");
      continue;
    }
    std::string pattern;
    if (!(words >> pattern)) {
      problems.push_back(std::to_string(number) + ": too few fields");
      continue;
    }
    auto regex = std::make_shared<const AclRegex>(pattern);
    if (!regex->ok()) {
      problems.push_back(std::to_string(number) + ": bad regular expression");
      continue;
    }
    rule.pattern = std::move(regex);
    std::string net_text;
    bool bad_net = false;
    while (words >> net_text) {
      const auto net = parse_acl_net(net_text);
      if (!net) {
        problems.push_back(std::to_string(number) + ": bad network: " + net_text);
        bad_net = true;
        continue;
      }
      rule.nets.push_back(*net);
    }
    // A rule whose only nets were unparsable must not turn into "any address".
    if (bad_net && rule.nets.empty()) continue;
    rules.rules_.push_back(std::move(rule));
  }
  return rules;
}

AclRules AclRules::deny_all() {
  AclRules rules;
  AclRule rule;
  rule.action = AclAction::Deny;
  rule.pattern = std::make_shared<const AclRegex>(".*");
  rules.rules_.push_back(std::move(rule));
  return rules;
}

std::optional<AclAction> AclRules::match(const std::string& name, std::uint32_t address) const {
  std::optional<AclAction> decision;
  for (const AclRule& rule : rules_) {
    bool in_net = rule.nets.empty();
    for (const AclNet& net : rule.nets) {
      if ((net.address & net.mask) == (address & net.mask)) {
        in_net = true;
        break;
      }
    }
    if (in_net && rule.pattern->matches(name)) decision = rule.action;
  }
  return decision;
}

}  // namespace talk::talkd
