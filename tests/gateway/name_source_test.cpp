// Where the names come from: the user's own file only when it is trusted, then the site's.
#include "gateway/name_source.hpp"

#include <gtest/gtest.h>

#include <map>

namespace talk::gateway {
namespace {

class FakeUsers final : public platform::UserDb {
 public:
  std::optional<platform::UserInfo> find(std::string_view name) const override {
    if (name != "bob") return std::nullopt;
    return platform::UserInfo{1000, 1000, "/home/bob"};
  }
};

class FakeFiles final : public platform::UserFileReader {
 public:
  platform::UserFile read(const std::string& path, uid_t owner) const override {
    reads.push_back(path + " " + std::to_string(owner));
    return file;
  }
  platform::UserFile file;
  mutable std::vector<std::string> reads;
};

TEST(NameSource, TheUsersTrustedFileAndTheSites) {
  FakeUsers users;
  FakeFiles files;
  platform::MemoryLogger logger;
  FileNameSource source(users, files, logger);
  source.set_site_names(parse_names("help help@example.org\n").entries);
  EXPECT_FALSE(source.book_for("nobody-here"));

  files.file = {platform::UserFile::Status::Trusted, "carol-x carol@example.org\nbad\n"};
  auto book = source.book_for("bob");
  ASSERT_TRUE(book);
  EXPECT_EQ(book->jid_for("carol-x")->bare(), "carol@example.org");
  EXPECT_EQ(book->jid_for("help")->bare(), "help@example.org");
  EXPECT_EQ(files.reads.back(), "/home/bob/.config/talk/xmpp-names 1000");

  files.file = {platform::UserFile::Status::Untrusted, {}};
  book = source.book_for("bob");
  ASSERT_TRUE(book);
  EXPECT_FALSE(book->jid_for("carol-x"));
  EXPECT_TRUE(book->jid_for("help"));
}

TEST(NameSource, ThePathPattern) {
  EXPECT_EQ(user_names_path("%h/.config/talk/xmpp-names", "bob", "/home/bob"),
            "/home/bob/.config/talk/xmpp-names");
  EXPECT_EQ(user_names_path("/etc/talk-ng/users/%u%%", "bob", "/home/bob"),
            "/etc/talk-ng/users/bob%");
}

}  // namespace
}  // namespace talk::gateway
