// Presence from logins and terminals, and its directed presence stanzas.
#include "gateway/presence.hpp"

#include <algorithm>

#include "xmpp/stanzas.hpp"

namespace talk::gateway {
namespace {

using std::chrono::minutes;

int rank(Availability a) {  // which of several users' states a JID sees as the show
  switch (a) {
    case Availability::Available:
      return 4;
    case Availability::Away:
      return 3;
    case Availability::ExtendedAway:
      return 2;
    case Availability::DoNotDisturb:
      return 1;
    case Availability::Offline:
      return 0;
  }
  return 0;
}

}  // namespace

LocalPresence presence_from(const std::vector<platform::TtyInfo>& ttys,
                            std::chrono::system_clock::time_point now) {
  LocalPresence p;
  if (ttys.empty()) return p;
  std::optional<std::chrono::system_clock::time_point> last;
  for (const platform::TtyInfo& tty : ttys) {
    if (tty.group_writable && (!last || tty.last_input > *last)) last = tty.last_input;
  }
  if (!last) {
    p.availability = Availability::DoNotDisturb;
    return p;
  }
  p.idle = std::max(minutes(0), std::chrono::duration_cast<minutes>(now - *last));
  p.availability = p.idle < minutes(5)    ? Availability::Available
                   : p.idle < minutes(60) ? Availability::Away
                                          : Availability::ExtendedAway;
  return p;
}

std::string presence_text(const std::string& user, const LocalPresence& presence) {
  switch (presence.availability) {
    case Availability::Available:
      return user + ": here";
    case Availability::Away:
    case Availability::ExtendedAway:
      return user + ": idle " + std::to_string(presence.idle.count()) + " min";
    case Availability::DoNotDisturb:
      return user + ": do not disturb";
    case Availability::Offline:
      break;
  }
  return user + ": not logged in";
}

xmpp::Element presence_for(const std::string& jid,
                           const std::vector<std::pair<std::string, LocalPresence>>& users) {
  xmpp::Presence p;
  p.to = jid;
  Availability best = Availability::Offline;
  std::string status;
  for (const auto& [user, presence] : users) {
    if (presence.availability == Availability::Offline) continue;
    if (rank(presence.availability) > rank(best)) best = presence.availability;
    status += (status.empty() ? "" : "; ") + presence_text(user, presence);
  }
  p.status = status;
  switch (best) {
    case Availability::Offline:
      p.kind = xmpp::PresenceKind::Unavailable;
      break;
    case Availability::Away:
      p.show = "away";
      break;
    case Availability::ExtendedAway:
      p.show = "xa";
      break;
    case Availability::DoNotDisturb:
      p.show = "dnd";
      break;
    case Availability::Available:
      break;
  }
  return xmpp::build_presence(p);
}

std::vector<std::string> LoginPresenceSource::logged_in() const {
  std::vector<std::string> users;
  for (const platform::LoginSource* source : sources_) {
    for (const platform::LoginRecord& r : source->logins()) {
      if (r.user_process && !r.line.empty() &&
          std::find(users.begin(), users.end(), r.user) == users.end()) {
        users.push_back(r.user);
      }
    }
  }
  return users;
}

LocalPresence LoginPresenceSource::of(const std::string& user) const {
  const auto info = users_.find(user);
  if (!info) return {};
  std::vector<platform::TtyInfo> ttys;
  for (const platform::LoginSource* source : sources_) {
    for (const platform::LoginRecord& r : source->logins_of(user, info->uid)) {
      if (!r.user_process || r.line.empty()) continue;
      const auto tty = ttys_.probe(r.line);
      if (tty && tty->owner == info->uid) ttys.push_back(*tty);
    }
  }
  return presence_from(ttys, std::chrono::system_clock::now());
}

}  // namespace talk::gateway
