// Unit tests of ACL parsing and of AccessPolicy's site + ~/.talkrc decision.
#include "talkd/access_policy.hpp"

#include <gtest/gtest.h>

#include "talkd/fakes.hpp"

namespace talk::talkd {
namespace {

constexpr std::uint32_t kNet10 = 0x0a000005;   // 10.0.0.5
constexpr std::uint32_t kNet192 = 0xc0a80102;  // 192.168.1.2

TEST(AclNet, Forms) {
  EXPECT_EQ(parse_acl_net("any")->mask, 0U);
  EXPECT_EQ(parse_acl_net("10.0.0.0/8")->mask, 0xff000000U);
  EXPECT_EQ(parse_acl_net("10.0.0.0/255.255.0.0")->mask, 0xffff0000U);
  EXPECT_EQ(parse_acl_net("10.1.2.3")->mask, 0xffffffffU);
  EXPECT_EQ(parse_acl_net("10.0.0.0/0")->mask, 0U);
  EXPECT_FALSE(parse_acl_net("10.0.0.0/33"));
  EXPECT_FALSE(parse_acl_net("nonsense"));
  EXPECT_FALSE(parse_acl_net("10.0.0.0/"));
}

TEST(AclRules, LastMatchWins) {
  std::vector<std::string> problems;
  const AclRules rules = AclRules::parse(
      "# comment\n"
      "\n"
      "deny .* any\n"
      "allow ^bob$ 10.0.0.0/8\n",
      problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(rules.size(), 2U);
  EXPECT_EQ(rules.match("bob", kNet10), AclAction::Allow);
  EXPECT_EQ(rules.match("bob", kNet192), AclAction::Deny);
  EXPECT_EQ(rules.match("alice", kNet10), AclAction::Deny);
}

TEST(AclRules, NoNetsMeansAnyAddress) {
  std::vector<std::string> problems;
  const AclRules rules = AclRules::parse("deny eve\n", problems);
  EXPECT_EQ(rules.match("eve", kNet10), AclAction::Deny);
  EXPECT_FALSE(rules.match("bob", kNet10));
}

TEST(AclRules, MalformedLinesAreReportedAndSkipped) {
  std::vector<std::string> problems;
  const AclRules rules = AclRules::parse(
      "permit bob\n"
      "deny\n"
      "deny [ any\n"
      "deny bob 999.1.1.1\n"
      "allow bob 10.0.0.0/8 bogus\n",
      problems);
  EXPECT_EQ(problems.size(), 5U);
  EXPECT_EQ(rules.size(), 1U);
  EXPECT_EQ(rules.match("bob", kNet10), AclAction::Allow);
  EXPECT_FALSE(rules.match("bob", kNet192));
}

class PolicyTest : public ::testing::Test {
 protected:
  PolicyTest() { users.users["bob"] = {1000, 1000, "/home/bob"}; }
  AccessPolicy policy(const std::string& site, bool strict) {
    std::vector<std::string> problems;
    return AccessPolicy(AclRules::parse(site, problems), strict, users, files, logger);
  }
  void talkrc(const std::string& text,
              platform::UserFile::Status status = platform::UserFile::Status::Trusted) {
    files.files["/home/bob/.talkrc"] = {status, text};
  }
  testing::FakeUsers users;
  testing::FakeFiles files;
  platform::MemoryLogger logger;
};

TEST_F(PolicyTest, DefaultAllowsAndStrictDenies) {
  EXPECT_TRUE(policy("", false).allows("alice", kNet10, "bob"));
  EXPECT_FALSE(policy("", true).allows("alice", kNet10, "bob"));
}

TEST_F(PolicyTest, SiteRulesMatchTheCallee) {
  const auto p = policy("deny ^bob$ 192.168.0.0/16\n", false);
  EXPECT_FALSE(p.allows("alice", kNet192, "bob"));
  EXPECT_TRUE(p.allows("alice", kNet10, "bob"));
  EXPECT_TRUE(p.allows("bob", kNet192, "carol"));
}

TEST_F(PolicyTest, UserRulesMatchTheCaller) {
  talkrc("deny ^mallory$ any\n");
  const auto p = policy("", false);
  EXPECT_FALSE(p.allows("mallory", kNet10, "bob"));
  EXPECT_TRUE(p.allows("alice", kNet10, "bob"));
}

TEST_F(PolicyTest, UserAllowOverridesSiteDenyOnlyWithoutStrict) {
  talkrc("allow ^alice$ any\n");
  EXPECT_TRUE(policy("deny .* any\n", false).allows("alice", kNet10, "bob"));
  EXPECT_FALSE(policy("deny .* any\n", true).allows("alice", kNet10, "bob"));
}

TEST_F(PolicyTest, SiteDenyStandsWhenTheUserHasNoRules) {
  EXPECT_FALSE(policy("deny .* any\n", false).allows("alice", kNet10, "bob"));
  talkrc("# nothing here\n");
  EXPECT_FALSE(policy("deny .* any\n", false).allows("alice", kNet10, "bob"));
}

TEST_F(PolicyTest, SiteDenyWithUnrelatedUserRulesFollowsTheUserDefault) {
  talkrc("deny ^mallory$ any\n");
  EXPECT_TRUE(policy("deny .* any\n", false).allows("alice", kNet10, "bob"));
}

TEST_F(PolicyTest, StrictSiteAllowDefersToTheUser) {
  talkrc("deny ^alice$ any\n");
  const auto p = policy("allow ^bob$ any\n", true);
  EXPECT_FALSE(p.allows("alice", kNet10, "bob"));
  EXPECT_TRUE(p.allows("carol", kNet10, "bob"));
}

TEST_F(PolicyTest, UntrustedTalkrcDeniesEveryone) {
  talkrc("allow .* any\n", platform::UserFile::Status::Untrusted);
  EXPECT_FALSE(policy("", false).allows("alice", kNet10, "bob"));
  EXPECT_FALSE(logger.entries.empty());
}

TEST_F(PolicyTest, UnreadableTalkrcHasNoRules) {
  talkrc("", platform::UserFile::Status::Unreadable);
  EXPECT_TRUE(policy("", false).allows("alice", kNet10, "bob"));
}

TEST_F(PolicyTest, ReloadReplacesSiteRules) {
  auto p = policy("", false);
  std::vector<std::string> problems;
  p.set_site_rules(AclRules::parse("deny bob\n", problems));
  EXPECT_FALSE(p.allows("alice", kNet10, "bob"));
}

}  // namespace
}  // namespace talk::talkd
