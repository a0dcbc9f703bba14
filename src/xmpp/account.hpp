// The XMPP account talk connects with, read from a small key = value file in the user's
// config directory: the JID, a password or a command printing it, and how to reach the server.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "xmpp/jid.hpp"

namespace talk::xmpp {

enum class TlsMode : std::uint8_t {
  StartTls,    // "starttls" (default): STARTTLS required, certificate verified
  Direct,      // "direct": TLS from the first byte (XEP-0368), certificate verified
  Unverified,  // "unverified": TLS, any certificate accepted (local test servers only)
  Plaintext,   // "plaintext": no TLS at all (local test servers only)
};

struct Account {
  Jid jid;
  std::string password;
  std::string password_command;  // run by /bin/sh; its first output line is the password
  std::string server;            // empty: the JID's domain (SRV records)
  std::optional<std::uint16_t> port;
  TlsMode tls = TlsMode::StartTls;
};

struct ParsedAccount {
  std::optional<Account> account;
  std::string error;  // "line 3: ..." when the file is wrong
};

/// Parses the file's text: `key = value` lines, `#` comments, blank lines. Keys: jid (required),
/// password or password_command (exactly one), server, port, tls.
ParsedAccount parse_account(std::string_view text);

/// Where the file lives: $XDG_CONFIG_HOME/talk/xmpp, or $HOME/.config/talk/xmpp.
std::string account_file_path(std::string_view xdg_config_home, std::string_view home);

std::string_view tls_mode_name(TlsMode mode);

}  // namespace talk::xmpp
