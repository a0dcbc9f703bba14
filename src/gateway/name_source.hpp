// Where the gateway finds a local user's XMPP names: their own file and the site's, read
// afresh at each ring with the care given to ~/.talkrc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gateway/names_file.hpp"
#include "platform/logger.hpp"
#include "platform/user_db.hpp"
#include "platform/user_file_reader.hpp"

namespace talk::gateway {

/// Where a user's file is: %h is their home directory, %u their login name.
inline constexpr std::string_view kUserNamesFile = "%h/.config/talk/xmpp-names";

/// `pattern` with %h, %u and %% replaced.
std::string user_names_path(std::string_view pattern, const std::string& user,
                            const std::string& home);

class NameSource {
 public:
  virtual ~NameSource() = default;
  /// The names `user` may use; nullopt when there is no such local user.
  virtual std::optional<NameBook> book_for(const std::string& user) const = 0;
  /// The names in the user's own file only (to whom their presence goes).
  virtual std::vector<NameEntry> own_names(const std::string& user) const = 0;
};

class FileNameSource final : public NameSource {
 public:
  FileNameSource(const platform::UserDb& users, const platform::UserFileReader& files,
                 platform::Logger& logger)
      : users_(users), files_(files), logger_(logger) {}

  void set_site_names(std::vector<NameEntry> site) { site_ = std::move(site); }
  void set_user_file(std::string pattern) { pattern_ = std::move(pattern); }
  std::optional<NameBook> book_for(const std::string& user) const override;
  std::vector<NameEntry> own_names(const std::string& user) const override;

 private:
  std::vector<NameEntry> read_own(const platform::UserInfo& info, const std::string& user) const;
  const platform::UserDb& users_;
  const platform::UserFileReader& files_;
  platform::Logger& logger_;
  std::vector<NameEntry> site_;
  std::string pattern_{kUserNamesFile};
};

}  // namespace talk::gateway
