// XMPP addresses: a bare JID (local@domain) checked for what a talk peer may be, and the
// RFC 5122 URI form `xmpp:local@domain` that names one on talk's command line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace talk::xmpp {

struct Jid {
  std::string local;
  std::string domain;
  std::string resource;  // empty for a bare JID

  std::string bare() const { return local + "@" + domain; }
  friend bool operator==(const Jid&, const Jid&) = default;
};

/// Parses local@domain[/resource]. Both local and domain are required (a talk peer is a
/// person), at most 1023 bytes each; no spaces, controls or characters RFC 7622 forbids in a
/// local part ("&'/:<>@). The domain is lowercased. nullopt when invalid.
std::optional<Jid> parse_jid(std::string_view text);

/// True when `arg` is written as an XMPP URI (starts with "xmpp:", any case).
bool is_xmpp_uri(std::string_view arg);

/// Parses an RFC 5122 URI: `xmpp:` then an optional `//authority/`, the percent-encoded JID,
/// and an optional ?query and #fragment (ignored). nullopt when it does not name a valid JID.
std::optional<Jid> parse_xmpp_uri(std::string_view uri);

}  // namespace talk::xmpp
