// Unit tests: talk's command line naming an XMPP peer (xmpp: URI or --xmpp).
#include <gtest/gtest.h>

#include <string_view>
#include <vector>

#include "talk/options.hpp"

namespace talk::client {
namespace {

ParsedCommandLine parse(std::vector<std::string_view> args) {
  return parse_command_line(args);
}

TEST(XmppCommandLine, UriNamesTheBareJid) {
  const auto r = parse({"xmpp:bob@example.org/phone"});
  ASSERT_TRUE(r.options) << r.error;
  ASSERT_TRUE(r.options->xmpp_peer);
  EXPECT_EQ(r.options->xmpp_peer->bare(), "bob@example.org");
  EXPECT_TRUE(r.options->xmpp_peer->resource.empty());
}

TEST(XmppCommandLine, OptionFormsAreTheSame) {
  for (const auto& args : {std::vector<std::string_view>{"--xmpp", "bob@example.org"},
                           std::vector<std::string_view>{"--xmpp=bob@example.org"}}) {
    const auto r = parse(args);
    ASSERT_TRUE(r.options) << r.error;
    EXPECT_EQ(r.options->xmpp_peer->bare(), "bob@example.org");
  }
}

TEST(XmppCommandLine, ClassicCallsHaveNoXmppPeer) {
  const auto r = parse({"bob@host"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_FALSE(r.options->xmpp_peer);
}

TEST(XmppCommandLine, Errors) {
  EXPECT_EQ(parse({"xmpp:bob"}).error, "not an XMPP address: xmpp:bob");
  EXPECT_EQ(parse({"--xmpp", "bob"}).error, "not an XMPP address: bob");
  EXPECT_EQ(parse({"--xmpp"}).error, "option --xmpp needs an address like user@server");
  EXPECT_EQ(parse({"xmpp:bob@x", "pts/1"}).error, "an XMPP address takes no ttyname");
  EXPECT_EQ(parse({"--xmpp", "bob@x", "carol"}).error, "an XMPP address takes no ttyname");
}

TEST(XmppCommandLine, HelpMentionsTheXmppForms) {
  const std::string help = help_text();
  EXPECT_NE(help.find("xmpp:user@server"), std::string::npos);
  EXPECT_NE(help.find("--xmpp JID"), std::string::npos);
}

}  // namespace
}  // namespace talk::client
