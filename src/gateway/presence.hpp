// A local user's presence for the XMPP users they listed: from their logins (a terminal of
// theirs), its idle time, and mesg n as do-not-disturb; and the directed presence the gateway
// sends each listed JID, all the users who listed it in one status.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/login_records.hpp"
#include "platform/tty_writer.hpp"
#include "platform/user_db.hpp"
#include "xmpp/element.hpp"

namespace talk::gateway {

enum class Availability : std::uint8_t { Offline, Available, Away, ExtendedAway, DoNotDisturb };

struct LocalPresence {
  Availability availability = Availability::Offline;
  std::chrono::minutes idle{0};
  friend bool operator==(const LocalPresence&, const LocalPresence&) = default;
};

/// From the user's terminals: none is offline; all with mesg n is do-not-disturb; else the
/// least idle one counts: under 5 minutes available, under an hour away, then extended away.
LocalPresence presence_from(const std::vector<platform::TtyInfo>& ttys,
                            std::chrono::system_clock::time_point now);

/// "alice: here", "alice: idle 12 min", "alice: do not disturb".
std::string presence_text(const std::string& user, const LocalPresence& presence);

/// The presence to send one JID for the users who listed it (unavailable when all are
/// offline).
xmpp::Element presence_for(const std::string& jid,
                           const std::vector<std::pair<std::string, LocalPresence>>& users);

class PresenceSource {
 public:
  virtual ~PresenceSource() = default;
  /// The users logged in now.
  virtual std::vector<std::string> logged_in() const = 0;
  virtual LocalPresence of(const std::string& user) const = 0;
};

/// From login records (utmp, logind) and the terminals' state.
class LoginPresenceSource final : public PresenceSource {
 public:
  LoginPresenceSource(std::vector<const platform::LoginSource*> sources,
                      const platform::TtyWriter& ttys, const platform::UserDb& users)
      : sources_(std::move(sources)), ttys_(ttys), users_(users) {}
  std::vector<std::string> logged_in() const override;
  LocalPresence of(const std::string& user) const override;

 private:
  std::vector<const platform::LoginSource*> sources_;
  const platform::TtyWriter& ttys_;
  const platform::UserDb& users_;
};

}  // namespace talk::gateway
