// The XMPP names file: short talk names for JIDs, one `name jid` pair a line, kept by each
// user (~/.config/talk/xmpp-names) and by the administrator for everyone.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xmpp/jid.hpp"

namespace talk::gateway {

struct NameEntry {
  std::string name;  // 1 to 11 bytes of [A-Za-z0-9._+-], starting with a letter or digit
  xmpp::Jid jid;     // bare
  friend bool operator==(const NameEntry&, const NameEntry&) = default;
};

struct ParsedNames {
  std::vector<NameEntry> entries;
  std::vector<std::string> errors;  // "line 3: ...": such lines are left out
};

/// Parses the text: `name jid` lines (spaces or tabs between), `#` comments, blank lines.
/// A name or JID given twice keeps its first line. At most 1000 entries.
ParsedNames parse_names(std::string_view text);

bool is_short_name(std::string_view name);

/// `jid`'s bare form with ASCII letters of the local part lowercased, as servers compare it;
/// empty when it is no valid JID.
std::string comparable_bare(std::string_view jid);

/// The names a user may use: theirs first, then the site's, one list without repeats.
class NameBook {
 public:
  NameBook() = default;
  NameBook(std::vector<NameEntry> own, const std::vector<NameEntry>& site);

  std::optional<xmpp::Jid> jid_for(std::string_view name) const;
  /// The name under which `bare_jid` is listed, if it is.
  std::optional<std::string> name_for(std::string_view bare_jid) const;
  const std::vector<NameEntry>& entries() const { return entries_; }

 private:
  std::vector<NameEntry> entries_;
};

}  // namespace talk::gateway
