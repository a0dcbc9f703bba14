// FileNameSource: a user's names file, trusted only when it is theirs and no one else may
// write it, merged with the site's names.
#include "gateway/name_source.hpp"

#include "protocol/sanitize.hpp"

namespace talk::gateway {

std::string user_names_path(std::string_view pattern, const std::string& user,
                            const std::string& home) {
  std::string path;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%' || i + 1 == pattern.size()) {
      path.push_back(pattern[i]);
      continue;
    }
    const char what = pattern[++i];
    if (what == 'h') {
      path += home;
    } else if (what == 'u') {
      path += user;
    } else {
      path.push_back(what);
    }
  }
  return path;
}

std::vector<NameEntry> FileNameSource::read_own(const platform::UserInfo& info,
                                                const std::string& user) const {
  const bool needs_home = pattern_.find("%h") != std::string::npos;
  if (needs_home && info.home.empty()) return {};
  const std::string path = user_names_path(pattern_, user, info.home);
  const platform::UserFile file = files_.read(path, info.uid);
  if (file.status == platform::UserFile::Status::Untrusted) {
    logger_.log(platform::LogLevel::Notice,
                proto::sanitize_for_terminal(path) +
                    " ignored: not the user's own file, or others may write it");
  }
  if (file.status != platform::UserFile::Status::Trusted) return {};
  ParsedNames parsed = parse_names(file.text);
  if (!parsed.errors.empty()) {
    logger_.log(platform::LogLevel::Notice,
                proto::sanitize_for_terminal(path) + ": " + parsed.errors.front());
  }
  return std::move(parsed.entries);
}

std::optional<NameBook> FileNameSource::book_for(const std::string& user) const {
  const auto info = users_.find(user);
  if (!info) return std::nullopt;
  return NameBook(read_own(*info, user), site_);
}

std::vector<NameEntry> FileNameSource::own_names(const std::string& user) const {
  const auto info = users_.find(user);
  return info ? read_own(*info, user) : std::vector<NameEntry>{};
}

}  // namespace talk::gateway
