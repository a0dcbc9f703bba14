// Unit tests: JIDs, xmpp: URIs, the account file and its permission check.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "platform/private_file.hpp"
#include "xmpp/account.hpp"

namespace talk::xmpp {
namespace {

TEST(Jid, BareAndFullAreParsedAndTheDomainLowercased) {
  EXPECT_EQ(parse_jid("Bob@Example.ORG"), (Jid{"Bob", "example.org", ""}));
  EXPECT_EQ(parse_jid("bob@example.org/phone/2"), (Jid{"bob", "example.org", "phone/2"}));
  EXPECT_EQ(parse_jid("bob@example.org.")->domain, "example.org");
}

TEST(Jid, InvalidOnesAreRefused) {
  for (const char* bad : {"", "bob", "@example.org", "bob@", "bo b@x", "bob@x/", "b<o>b@x",
                          "bob@exa mple", "bob\x1b@x", "bob@x/\x1b[2J", "a:b@x", "bob@.x"}) {
    EXPECT_FALSE(parse_jid(bad)) << bad;
  }
  EXPECT_FALSE(parse_jid(std::string(1024, 'a') + "@x"));
}

TEST(XmppUri, Rfc5122Forms) {
  EXPECT_TRUE(is_xmpp_uri("XMPP:bob@x"));
  EXPECT_FALSE(is_xmpp_uri("bob@x"));
  EXPECT_EQ(parse_xmpp_uri("xmpp:bob@example.org"), (Jid{"bob", "example.org", ""}));
  EXPECT_EQ(parse_xmpp_uri("xmpp:bob@example.org?message;body=hi#x"),
            (Jid{"bob", "example.org", ""}));
  EXPECT_EQ(parse_xmpp_uri("xmpp://alice@example.org/bob@example.org"),
            (Jid{"bob", "example.org", ""}));
  EXPECT_EQ(parse_xmpp_uri("xmpp:j%C3%BCrgen@example.org"), (Jid{"jürgen", "example.org", ""}));
  EXPECT_FALSE(parse_xmpp_uri("xmpp:bob%2"));
  EXPECT_FALSE(parse_xmpp_uri("xmpp:bob%1b@x"));
  EXPECT_FALSE(parse_xmpp_uri("xmpp:example.org"));
  EXPECT_FALSE(parse_xmpp_uri("xmpp://alice@example.org"));
}

TEST(Account, FullFile) {
  const auto parsed = parse_account(
      "# my account\n"
      "jid = alice@example.org\n"
      "\n"
      "password_command = pass show xmpp\n"
      "server=127.0.0.1\r\n"
      "  port = 15222\n"
      "tls = unverified\n");
  ASSERT_TRUE(parsed.account) << parsed.error;
  const Account& a = *parsed.account;
  EXPECT_EQ(a.jid.bare(), "alice@example.org");
  EXPECT_EQ(a.password_command, "pass show xmpp");
  EXPECT_EQ(a.server, "127.0.0.1");
  EXPECT_EQ(a.port, 15222);
  EXPECT_EQ(a.tls, TlsMode::Unverified);
}

TEST(Account, DefaultsAreStartTlsAndTheJidsDomain) {
  const auto parsed = parse_account("jid = a@b\npassword = p w = x\n");
  ASSERT_TRUE(parsed.account) << parsed.error;
  EXPECT_EQ(parsed.account->password, "p w = x");
  EXPECT_EQ(parsed.account->tls, TlsMode::StartTls);
  EXPECT_TRUE(parsed.account->server.empty());
  EXPECT_FALSE(parsed.account->port);
}

TEST(Account, ErrorsNameTheLine) {
  EXPECT_EQ(parse_account("jid = a@b\nport = 0\n").error,
            "line 2: port must be a number from 1 to 65535");
  EXPECT_EQ(parse_account("jid = a@b/r\n").error,
            "line 1: jid must be a bare JID like you@example.org");
  EXPECT_EQ(parse_account("nonsense\n").error, "line 1: expected key = value");
  EXPECT_EQ(parse_account("jid = a@b\ncolour = red\n").error, "line 2: unknown key \"colour\"");
  EXPECT_EQ(parse_account("jid = a@b\ntls = maybe\n").error,
            "line 2: tls must be starttls, direct, unverified or plaintext");
  EXPECT_EQ(parse_account("password = x\n").error, "no jid (add a line: jid = you@example.org)");
  EXPECT_EQ(parse_account("jid = a@b\n").error, "give either password or password_command");
  EXPECT_EQ(parse_account("jid = a@b\npassword = x\npassword_command = y\n").error,
            "give either password or password_command");
}

TEST(Account, FilePath) {
  EXPECT_EQ(account_file_path("/cfg", "/home/a"), "/cfg/talk/xmpp");
  EXPECT_EQ(account_file_path("", "/home/a"), "/home/a/.config/talk/xmpp");
  EXPECT_EQ(account_file_path("relative", "/home/a"), "/home/a/.config/talk/xmpp");
}

class PrivateFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir[] = "/tmp/talk-xmpp-account-XXXXXX";
    ASSERT_NE(::mkdtemp(dir), nullptr);
    dir_ = dir;
    path_ = dir_ + "/xmpp";
    std::ofstream(path_) << "jid = a@b\npassword = secret\n";
  }
  void TearDown() override {
    (void)std::remove(path_.c_str());
    (void)::rmdir(dir_.c_str());
  }
  std::string dir_;
  std::string path_;
};

TEST_F(PrivateFileTest, OnlyAFileNoOneElseMayReadIsRead) {
  using Status = platform::PrivateFile::Status;
  ASSERT_EQ(::chmod(path_.c_str(), 0600), 0);
  const auto ok = platform::read_private_file(path_, ::getuid());
  EXPECT_EQ(ok.status, Status::Ok);
  EXPECT_EQ(ok.text, "jid = a@b\npassword = secret\n");
  ASSERT_EQ(::chmod(path_.c_str(), 0644), 0);
  EXPECT_EQ(platform::read_private_file(path_, ::getuid()).status, Status::Exposed);
  EXPECT_TRUE(platform::read_private_file(path_, ::getuid()).text.empty());
  ASSERT_EQ(::chmod(path_.c_str(), 0620), 0);
  EXPECT_EQ(platform::read_private_file(path_, ::getuid()).status, Status::Exposed);
  ASSERT_EQ(::chmod(path_.c_str(), 0600), 0);
  EXPECT_EQ(platform::read_private_file(path_, ::getuid() + 1).status, Status::NotOwned);
  EXPECT_EQ(platform::read_private_file(dir_ + "/none", ::getuid()).status, Status::Missing);
}

TEST(PasswordCommand, FirstLineOfASuccessfulCommand) {
  EXPECT_EQ(platform::first_line_of_command("printf 'pw one\\nsecond\\n'"), "pw one");
  EXPECT_FALSE(platform::first_line_of_command("echo pw; exit 3"));
  EXPECT_FALSE(platform::first_line_of_command("true"));
}

}  // namespace
}  // namespace talk::xmpp
