// load_xmpp_account: the file's checks, its parsing and the password command.
#include "talk/xmpp_account.hpp"

#include "platform/private_file.hpp"

namespace talk::client {

LoadedXmppAccount load_xmpp_account(const std::string& path) {
  using Status = platform::PrivateFile::Status;
  LoadedXmppAccount loaded;
  const platform::PrivateFile file = platform::read_private_file(path, platform::real_user_id());
  switch (file.status) {
    case Status::Ok:
      break;
    case Status::Missing:
      loaded.error = "no XMPP account: create " + path +
                     " (mode 600) with the lines \"jid = you@example.org\" and "
                     "\"password = ...\" (see talk(1))";
      return loaded;
    case Status::Exposed:
      loaded.error = path + " holds a password but others may read it (or it is a symlink); " +
                     "make it private: chmod 600 " + path;
      return loaded;
    case Status::NotOwned:
      loaded.error = path + " is not a regular file of yours";
      return loaded;
    case Status::Unreadable:
      loaded.error = "cannot read " + path + ": " + file.error;
      return loaded;
  }
  xmpp::ParsedAccount parsed = xmpp::parse_account(file.text);
  if (!parsed.account) {
    loaded.error = path + ": " + parsed.error;
    return loaded;
  }
  if (!parsed.account->password_command.empty()) {
    const auto password = platform::first_line_of_command(parsed.account->password_command);
    if (!password) {
      loaded.error = "the password_command in " + path + " failed or printed nothing";
      return loaded;
    }
    loaded.password = *password;
  } else {
    loaded.password = parsed.account->password;
  }
  loaded.account = std::move(parsed.account);
  return loaded;
}

}  // namespace talk::client
