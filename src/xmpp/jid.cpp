// JID validation and RFC 5122 URI parsing.
#include "xmpp/jid.hpp"

#include <cstdint>

namespace talk::xmpp {
namespace {

constexpr std::size_t kMaxPart = 1023;

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_control_or_space(char c) {
  const auto b = static_cast<std::uint8_t>(c);
  return b <= 0x20 || b == 0x7f;
}

bool valid_local(std::string_view local) {
  if (local.empty() || local.size() > kMaxPart) return false;
  for (const char c : local) {
    if (is_control_or_space(c) || std::string_view("\"&'/:<>@").find(c) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > kMaxPart || domain.front() == '.') return false;
  for (const char c : domain) {
    if (is_control_or_space(c) ||
        std::string_view("\"&'/:<>@\\?#").find(c) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

}  // namespace

std::optional<Jid> parse_jid(std::string_view text) {
  Jid jid;
  const auto slash = text.find('/');
  if (slash != std::string_view::npos) {
    jid.resource = std::string(text.substr(slash + 1));
    text = text.substr(0, slash);
    if (jid.resource.empty() || jid.resource.size() > kMaxPart) return std::nullopt;
    for (const char c : jid.resource) {
      if (static_cast<std::uint8_t>(c) < 0x20 || c == 0x7f) return std::nullopt;
    }
  }
  const auto at = text.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view local = text.substr(0, at);
  std::string_view domain = text.substr(at + 1);
  if (domain.ends_with('.')) domain.remove_suffix(1);
  if (!valid_local(local) || !valid_domain(domain)) return std::nullopt;
  jid.local = std::string(local);
  for (const char c : domain) jid.domain.push_back(lower(c));
  return jid;
}

bool is_xmpp_uri(std::string_view arg) {
  constexpr std::string_view kScheme = "xmpp:";
  if (arg.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (lower(arg[i]) != kScheme[i]) return false;
  }
  return true;
}

std::optional<Jid> parse_xmpp_uri(std::string_view uri) {
  if (!is_xmpp_uri(uri)) return std::nullopt;
  uri.remove_prefix(5);
  if (uri.starts_with("//")) {  // xmpp://account@host/peer@host: the account part is ignored
    const auto path = uri.find('/', 2);
    if (path == std::string_view::npos) return std::nullopt;
    uri = uri.substr(path + 1);
  }
  uri = uri.substr(0, uri.find_first_of("?#"));
  const auto decoded = percent_decode(uri);
  if (!decoded) return std::nullopt;
  return parse_jid(*decoded);
}

}  // namespace talk::xmpp
