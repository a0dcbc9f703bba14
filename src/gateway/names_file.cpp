// Parsing the names files and merging a user's names with the site's.
#include "gateway/names_file.hpp"

#include <algorithm>

namespace talk::gateway {
namespace {

constexpr std::size_t kMaxEntries = 1000;
constexpr std::size_t kMaxNameBytes = 11;

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == '+';
}

bool listed(const std::vector<NameEntry>& entries, const NameEntry& entry) {
  return std::any_of(entries.begin(), entries.end(), [&entry](const NameEntry& e) {
    return e.name == entry.name ||
           comparable_bare(e.jid.bare()) == comparable_bare(entry.jid.bare());
  });
}

}  // namespace

std::string comparable_bare(std::string_view jid) {
  const std::size_t slash = jid.find('/');
  auto parsed = xmpp::parse_jid(jid.substr(0, slash));
  if (!parsed) return {};
  for (char& c : parsed->local) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return parsed->bare();
}

bool is_short_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  if (!is_name_char(name.front()) || name.front() == '.' || name.front() == '-' ||
      name.front() == '_' || name.front() == '+') {
    return false;
  }
  return std::all_of(name.begin(), name.end(), is_name_char);
}

ParsedNames parse_names(std::string_view text) {
  ParsedNames parsed;
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    const std::string where = "line " + std::to_string(number) + ": ";
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = trim(line);
    if (line.empty()) continue;
    std::size_t split = 0;
    while (split < line.size() && !is_blank(line[split])) ++split;
    const std::string_view name = line.substr(0, split);
    const std::string_view jid_text = trim(line.substr(split));
    if (!is_short_name(name)) {
      parsed.errors.push_back(where + "a name is 1 to 11 letters, digits, '.', '_', '-', '+'");
      continue;
    }
    const auto jid = xmpp::parse_jid(jid_text);
    if (!jid || !jid->resource.empty()) {
      parsed.errors.push_back(where + "not a bare JID (user@domain)");
      continue;
    }
    NameEntry entry{std::string(name), *jid};
    if (listed(parsed.entries, entry)) {
      parsed.errors.push_back(where + "the name or the JID is listed already");
      continue;
    }
    if (parsed.entries.size() >= kMaxEntries) {
      parsed.errors.push_back(where + "too many names");
      break;
    }
    parsed.entries.push_back(std::move(entry));
  }
  return parsed;
}

NameBook::NameBook(std::vector<NameEntry> own, const std::vector<NameEntry>& site)
    : entries_(std::move(own)) {
  for (const NameEntry& entry : site) {
    if (!listed(entries_, entry)) entries_.push_back(entry);
  }
}

std::optional<xmpp::Jid> NameBook::jid_for(std::string_view name) const {
  for (const NameEntry& entry : entries_) {
    if (entry.name == name) return entry.jid;
  }
  return std::nullopt;
}

std::optional<std::string> NameBook::name_for(std::string_view bare_jid) const {
  const std::string wanted = comparable_bare(bare_jid);
  if (wanted.empty()) return std::nullopt;
  for (const NameEntry& entry : entries_) {
    if (comparable_bare(entry.jid.bare()) == wanted) return entry.name;
  }
  return std::nullopt;
}

}  // namespace talk::gateway
