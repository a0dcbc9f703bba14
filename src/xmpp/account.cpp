// Account file parsing.
#include "xmpp/account.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace talk::xmpp {
namespace {

constexpr std::array<std::pair<TlsMode, std::string_view>, 4> kTlsModes{{
    {TlsMode::StartTls, "starttls"},
    {TlsMode::Direct, "direct"},
    {TlsMode::Unverified, "unverified"},
    {TlsMode::Plaintext, "plaintext"},
}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || value == 0 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

// Applies one key; returns an error text, empty when fine.
std::string apply(Account& account, bool& has_jid, std::string_view key, std::string_view value) {
  if (key == "jid") {
    const auto jid = parse_jid(value);
    if (!jid || !jid->resource.empty()) return "jid must be a bare JID like you@example.org";
    account.jid = *jid;
    has_jid = true;
  } else if (key == "password") {
    account.password = std::string(value);
  } else if (key == "password_command") {
    account.password_command = std::string(value);
  } else if (key == "server") {
    account.server = std::string(value);
  } else if (key == "port") {
    account.port = parse_port(value);
    if (!account.port) return "port must be a number from 1 to 65535";
  } else if (key == "tls") {
    for (const auto& [mode, name] : kTlsModes) {
      if (name == value) {
        account.tls = mode;
        return {};
      }
    }
    return "tls must be starttls, direct, unverified or plaintext";
  } else {
    return "unknown key \"" + std::string(key) + "\"";
  }
  return {};
}

}  // namespace

ParsedAccount parse_account(std::string_view text) {
  ParsedAccount result;
  Account account;
  bool has_jid = false;
  int line_number = 0;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    ++line_number;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    std::string error;
    if (eq == std::string_view::npos) {
      error = "expected key = value";
    } else {
      error = apply(account, has_jid, trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
    }
    if (!error.empty()) {
      result.error = "line " + std::to_string(line_number) + ": " + error;
      return result;
    }
  }
  if (!has_jid) {
    result.error = "no jid (add a line: jid = you@example.org)";
  } else if (account.password.empty() == account.password_command.empty()) {
    result.error = "give either password or password_command";
  } else {
    result.account = std::move(account);
  }
  return result;
}

std::string account_file_path(std::string_view xdg_config_home, std::string_view home) {
  if (!xdg_config_home.empty() && xdg_config_home.front() == '/') {
    return std::string(xdg_config_home) + "/talk/xmpp";
  }
  return std::string(home) + "/.config/talk/xmpp";
}

std::string_view tls_mode_name(TlsMode mode) {
  for (const auto& [m, name] : kTlsModes) {
    if (m == mode) return name;
  }
  return "starttls";
}

}  // namespace talk::xmpp
