// talk-gateway's command line.
#include "gateway/options.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace talk::gateway {
namespace {

ParsedOptions parse(std::vector<std::string_view> args) {
  return parse_options(args);
}

TEST(GatewayOptions, DefaultsAndValues) {
  const ParsedOptions none = parse({});
  EXPECT_TRUE(none.error.empty());
  EXPECT_EQ(none.options.socket, "/run/talk-ng/gateway.sock");
  EXPECT_EQ(none.options.talkd_port, 518);
  const ParsedOptions set = parse({"-c", "/a", "--socket=/b", "--talkd-port", "5518", "--utf8",
                                   "-f", "--user-names", "/n/%u", "--state=/s"});
  ASSERT_TRUE(set.error.empty()) << set.error;
  EXPECT_EQ(set.options.config, "/a");
  EXPECT_EQ(set.options.socket, "/b");
  EXPECT_EQ(set.options.talkd_port, 5518);
  EXPECT_TRUE(set.options.utf8);
  EXPECT_TRUE(set.options.foreground);
  EXPECT_EQ(set.options.user_names, "/n/%u");
  EXPECT_EQ(set.options.state, "/s");
  EXPECT_TRUE(set.options.presence);
  EXPECT_FALSE(parse({"--no-presence"}).options.presence);
}

TEST(GatewayOptions, Errors) {
  EXPECT_FALSE(parse({"--talkd-port", "0"}).error.empty());
  EXPECT_FALSE(parse({"--talkd-port=70000"}).error.empty());
  EXPECT_FALSE(parse({"--config"}).error.empty());
  EXPECT_FALSE(parse({"--utf8=yes"}).error.empty());
  EXPECT_FALSE(parse({"--bogus"}).error.empty());
  EXPECT_FALSE(parse({"stray"}).error.empty());
}

TEST(GatewayOptions, HelpNamesEveryOption) {
  const std::string help = usage_text();
  for (const char* option :
       {"--config", "--socket", "--names", "--user-names", "--state", "--talkd-port", "--user",
        "--group", "--utf8", "--foreground", "--debug", "--help", "--version"}) {
    EXPECT_NE(help.find(option), std::string::npos) << option;
  }
}

}  // namespace
}  // namespace talk::gateway
