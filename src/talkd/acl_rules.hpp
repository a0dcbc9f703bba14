// Parsing and matching of ACL files: lines "allow|deny REGEX [NET ...]" (the inetutils format).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talk::talkd {

enum class AclAction { Allow, Deny };

struct AclNet {
  std::uint32_t address = 0;  // host order
  std::uint32_t mask = 0;     // host order; 0 with address 0 is "any"
};

class AclRegex;

struct AclRule {
  AclAction action = AclAction::Allow;
  std::shared_ptr<const AclRegex> pattern;
  std::vector<AclNet> nets;  // empty: any address
  int line = 0;
};

/// A list of rules; the last rule that matches decides.
class AclRules {
 public:
  /// Parses `text`. Blank lines and '#' comments are skipped; malformed lines are reported in
  /// `problems` ("LINE: reason") and skipped.
  static AclRules parse(std::string_view text, std::vector<std::string>& problems);
  /// A single "deny .* any" rule: what an untrusted ~/.talkrc becomes.
  static AclRules deny_all();

  /// The action of the last rule whose regex matches `name` and whose nets hold `address`.
  std::optional<AclAction> match(const std::string& name, std::uint32_t address) const;
  bool empty() const { return rules_.empty(); }
  std::size_t size() const { return rules_.size(); }

 private:
  std::vector<AclRule> rules_;
};

/// Parses "any", "a.b.c.d", "a.b.c.d/LEN" or "a.b.c.d/m.m.m.m".
std::optional<AclNet> parse_acl_net(std::string_view text);

}  // namespace talk::talkd
