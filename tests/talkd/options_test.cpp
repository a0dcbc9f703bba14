// Unit tests of talkd's command-line parsing.
#include "talkd/options.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace talk::talkd {
namespace {

ParsedOptions parse(std::vector<std::string_view> args) {
  return parse_options(args);
}

TEST(Options, Defaults) {
  const auto p = parse({});
  EXPECT_TRUE(p.error.empty());
  EXPECT_FALSE(p.options.debug);
  EXPECT_FALSE(p.options.idle_timeout);
  EXPECT_EQ(p.options.request_ttl, std::chrono::seconds(60));
  EXPECT_EQ(p.options.user, "nobody");
  EXPECT_FALSE(p.options.otalk_port);
  EXPECT_FALSE(p.options.ntalk_port);
}

TEST(Options, ShortFormsAndGroups) {
  const auto p = parse({"-dqS", "-i", "30", "-r5", "-a", "/etc/talkd.acl"});
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_TRUE(p.options.debug);
  EXPECT_TRUE(p.options.quiet);
  EXPECT_TRUE(p.options.strict);
  EXPECT_EQ(p.options.idle_timeout, std::chrono::seconds(30));
  EXPECT_EQ(p.options.request_ttl, std::chrono::seconds(5));
  EXPECT_EQ(p.options.acl_file, "/etc/talkd.acl");
}

TEST(Options, LongForms) {
  const auto p =
      parse({"--foreground", "--ntalk-port=5518", "--otalk-port", "0", "--bind", "127.0.0.1",
             "--user=talk", "--utmp", "/tmp/u", "--idle-timeout=0", "--request-ttl", "90",
             "--strict-policy", "--acl=/x", "--debug", "--quiet"});
  ASSERT_TRUE(p.error.empty()) << p.error;
  EXPECT_TRUE(p.options.foreground);
  EXPECT_EQ(p.options.ntalk_port, 5518);
  EXPECT_EQ(p.options.otalk_port, 0);
  EXPECT_EQ(p.options.bind_address, 0x7f000001U);
  EXPECT_EQ(p.options.user, "talk");
  EXPECT_EQ(p.options.utmp_path, "/tmp/u");
  EXPECT_EQ(p.options.idle_timeout, std::chrono::seconds(0));
  EXPECT_EQ(p.options.request_ttl, std::chrono::seconds(90));
  EXPECT_TRUE(p.options.strict);
  EXPECT_EQ(p.options.acl_file, "/x");
}

TEST(Options, TheGatewaySocket) {
  EXPECT_EQ(parse({}).options.gateway_socket, "/run/talk-ng/gateway.sock");
  EXPECT_EQ(parse({"--gateway=/tmp/g.sock"}).options.gateway_socket, "/tmp/g.sock");
  EXPECT_EQ(parse({"--gateway", "none"}).options.gateway_socket, "");
  EXPECT_NE(usage_text().find("--gateway"), std::string::npos);
}

TEST(Options, HelpAndVersion) {
  EXPECT_TRUE(parse({"--help"}).options.help);
  EXPECT_TRUE(parse({"-h"}).options.help);
  EXPECT_TRUE(parse({"--version"}).options.version);
  EXPECT_TRUE(parse({"-V"}).options.version);
  EXPECT_NE(usage_text().find("--idle-timeout"), std::string::npos);
}

TEST(Options, CompatibilityOptionsAreAccepted) {
  const auto p = parse({"-l", "-p", "-t", "30", "--logging", "--timeout=10"});
  EXPECT_TRUE(p.error.empty()) << p.error;
}

TEST(Options, Errors) {
  EXPECT_FALSE(parse({"-x"}).error.empty());
  EXPECT_FALSE(parse({"--bogus"}).error.empty());
  EXPECT_FALSE(parse({"-i"}).error.empty());
  EXPECT_FALSE(parse({"-i", "soon"}).error.empty());
  EXPECT_FALSE(parse({"-r", "0"}).error.empty());
  EXPECT_FALSE(parse({"--ntalk-port=0"}).error.empty());
  EXPECT_FALSE(parse({"--ntalk-port=70000"}).error.empty());
  EXPECT_FALSE(parse({"--bind=::1"}).error.empty());
  EXPECT_FALSE(parse({"--debug=yes"}).error.empty());
  EXPECT_FALSE(parse({"stray"}).error.empty());
  EXPECT_FALSE(parse({"--user="}).error.empty());
}

}  // namespace
}  // namespace talk::talkd
