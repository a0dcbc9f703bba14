// Loads the XMPP account for `talk xmpp:...`: the private file in the config directory, then the
// password (from the file or its password command), with errors in words for stderr.
#pragma once

#include <optional>
#include <string>

#include "xmpp/account.hpp"

namespace talk::client {

struct LoadedXmppAccount {
  std::optional<xmpp::Account> account;
  std::string password;
  std::string error;  // for stderr when account is empty
};

/// Reads `path` (it must belong to the user and be private: mode 600 or stricter).
LoadedXmppAccount load_xmpp_account(const std::string& path);

}  // namespace talk::client
