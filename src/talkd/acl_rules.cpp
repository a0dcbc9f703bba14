// AclRules: POSIX basic regular expressions (as inetutils compiles them) and IPv4 nets.
#include "talkd/acl_rules.hpp"

#include <regex.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "platform/endpoint.hpp"

namespace talk::talkd {

namespace {

// The words of one line, separated by blanks (as `>>` separates them in the C locale); no
// stream, so that talkd carries none of the iostream machinery.
std::vector<std::string_view> words_of(std::string_view line) {
  const auto blank = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
  };
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && blank(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !blank(line[i])) ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

}  // namespace

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
  int number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::vector<std::string_view> words = words_of(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
    ++number;
    if (words.empty() || words[0].front() == '#') continue;
    AclRule rule;
    rule.line = number;
    if (words[0] == "allow") {
      rule.action = AclAction::Allow;
    } else if (words[0] == "deny") {
      rule.action = AclAction::Deny;
    } else {
      problems.push_back(std::to_string(number) + ": unknown keyword");
      continue;
    }
    if (words.size() < 2) {
      problems.push_back(std::to_string(number) + ": too few fields");
      continue;
    }
    auto regex = std::make_shared<const AclRegex>(std::string(words[1]));
    if (!regex->ok()) {
      problems.push_back(std::to_string(number) + ": bad regular expression");
      continue;
    }
    rule.pattern = std::move(regex);
    bool bad_net = false;
    for (std::size_t i = 2; i < words.size(); ++i) {
      const auto net = parse_acl_net(words[i]);
      if (!net) {
        problems.push_back(std::to_string(number) + ": bad network: " + std::string(words[i]));
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
