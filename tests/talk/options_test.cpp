// Unit tests: person and command-line parsing.
#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "talk/options.hpp"

namespace talk::client {
namespace {

ParsedCommandLine parse(std::vector<std::string_view> args) {
  return parse_command_line(args);
}

TEST(ParsePerson, PlainUserIsLocal) {
  EXPECT_EQ(parse_person("alice", false), (Person{"alice", "", ""}));
}

TEST(ParsePerson, AllSeparatorForms) {
  EXPECT_EQ(parse_person("alice@example.org", false), (Person{"alice", "example.org", ""}));
  EXPECT_EQ(parse_person("example!alice", false), (Person{"alice", "example", ""}));
  EXPECT_EQ(parse_person("example:alice", false), (Person{"alice", "example", ""}));
  EXPECT_EQ(parse_person("example.alice", false), (Person{"alice", "example", ""}));
}

TEST(ParsePerson, ClassicDotSplitsAtTheFirstSeparator) {
  // The BSD rule: the first of "@:!." decides, so a dotted login before @ is read as host.user.
  EXPECT_EQ(parse_person("john.doe@host", false), (Person{"doe@host", "john", ""}));
}

TEST(ParsePerson, DashXKeepsDotsInUserNames) {
  EXPECT_EQ(parse_person("john.doe@host.example", true), (Person{"john.doe", "host.example", ""}));
  EXPECT_EQ(parse_person("john.doe", true), (Person{"john.doe", "", ""}));
  EXPECT_EQ(parse_person("host!john.doe", true), (Person{"john.doe", "host", ""}));
}

TEST(CommandLine, UserAndTty) {
  const auto r = parse({"bob", "pts/3"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->person, (Person{"bob", "", "pts/3"}));
}

TEST(CommandLine, NoPersonGivesUsage) {
  const auto r = parse({});
  EXPECT_FALSE(r.options);
  EXPECT_EQ(r.error, "Usage: talk person [ttyname]");
}

TEST(CommandLine, UsageAndHelpCallThePeerAPerson) {
  const std::string help = help_text();
  EXPECT_EQ(help.substr(0, kUsage.size()), kUsage);
  EXPECT_NE(help.find("\n  person is user, user@host"), std::string::npos);
  EXPECT_EQ(std::string(kUsage).find(" user "), std::string::npos) << "one word, as in talk(1)";
}

TEST(CommandLine, TooManyArguments) {
  EXPECT_FALSE(parse({"a", "tty1", "c"}).options);
  EXPECT_FALSE(parse({"xmpp:a@b", "c", "d"}).options);
}

TEST(CommandLine, SeveralPeopleMakeAConference) {
  const auto r = parse({"alice", "bob@host", "carol#pts/4"});
  ASSERT_TRUE(r.options) << r.error;
  ASSERT_EQ(r.options->conference.size(), 3U);
  EXPECT_EQ(r.options->conference[1], (Person{"bob", "host", ""}));
  EXPECT_EQ(r.options->conference[2], (Person{"carol", "", "pts/4"}));
  // Two operands: a second person, unless the second names a terminal (talk's ttyname).
  EXPECT_EQ(parse({"alice", "bob"}).options->conference.size(), 2U);
  EXPECT_TRUE(parse({"alice", "pts/2"}).options->conference.empty());
  EXPECT_TRUE(parse({"alice", "tty3"}).options->conference.empty());
  // -m: one person, in ytalk's protocol (to join a conference).
  EXPECT_EQ(parse({"-m", "alice@h"}).options->conference.size(), 1U);
  EXPECT_FALSE(parse({"-m"}).options);
  EXPECT_FALSE(parse({"alice", "xmpp:bob@example.org"}).options);
  EXPECT_FALSE(parse({"-s", "5000", "-m", "alice"}).options);
}

TEST(CommandLine, PortsAndX) {
  const auto r = parse({"-x", "--daemon-port", "5518", "--otalk-port", "5517", "a.b@h"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->daemon_port, 5518);
  EXPECT_EQ(r.options->otalk_port, 5517);
  EXPECT_EQ(r.options->person, (Person{"a.b", "h", ""}));
}

TEST(CommandLine, PortsWithEqualsSign) {
  const auto r = parse({"--daemon-port=6518", "--otalk-port=6517", "bob"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->daemon_port, 6518);
  EXPECT_EQ(r.options->otalk_port, 6517);
  EXPECT_FALSE(parse({"--daemon-port=", "bob"}).options);
  EXPECT_FALSE(parse({"--help=yes"}).options);
}

TEST(CommandLine, BadPortsAreErrors) {
  EXPECT_FALSE(parse({"--daemon-port", "0", "bob"}).options);
  EXPECT_FALSE(parse({"--daemon-port", "70000", "bob"}).options);
  EXPECT_FALSE(parse({"--daemon-port", "12x", "bob"}).options);
  EXPECT_FALSE(parse({"bob", "--otalk-port"}).options);
}

TEST(CommandLine, HelpAndVersionNeedNoPerson) {
  EXPECT_TRUE(parse({"--help"}).options->help);
  EXPECT_TRUE(parse({"--version"}).options->version);
}

TEST(CommandLine, UnknownOptionAndEmptyUser) {
  EXPECT_FALSE(parse({"-q", "bob"}).options);
  EXPECT_FALSE(parse({"@host"}).options);
}

}  // namespace
}  // namespace talk::client

namespace talk::client {
namespace {

TEST(UtalkForms, RawServerClientAndAnswerToAnnounceOnly) {
  auto r = parse({"-s", "40001"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->srdp, (DirectSrdp{true, "", 40001}));
  r = parse({"-c", "127.0.0.1", "40001"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->srdp, (DirectSrdp{false, "127.0.0.1", 40001}));
  r = parse({"!40001@10.0.0.2"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->srdp, (DirectSrdp{false, "10.0.0.2", 40001}));
  r = parse({"!bob@host"});  // a utalk user's name: the '!' goes
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_FALSE(r.options->srdp);
  EXPECT_EQ(r.options->person, (Person{"bob", "host", ""}));
  EXPECT_FALSE(parse({"-s"}).options);
  EXPECT_FALSE(parse({"-c", "host"}).options);
  EXPECT_FALSE(parse({"-s", "0"}).options);
}

TEST(UtalkForms, AnnounceAsUtalk) {
  auto r = parse({"bob@host"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_FALSE(r.options->announce_utalk);
  for (const auto* flag : {"-u", "--utalk"}) {
    r = parse({flag, "bob@host"});
    ASSERT_TRUE(r.options) << r.error;
    EXPECT_TRUE(r.options->announce_utalk);
    EXPECT_EQ(r.options->person, (Person{"bob", "host", ""}));
  }
  EXPECT_NE(help_text().find("--utalk"), std::string::npos);
}

}  // namespace
}  // namespace talk::client
