// UserLocator: merges login sources and the terminal scan, then applies the find_user rules.
#include "talkd/user_locator.hpp"

#include <algorithm>

namespace talk::talkd {

UserLocator::UserLocator(std::vector<const platform::LoginSource*> sources,
                         const platform::TtyWriter& ttys, const platform::UserDb& users,
                         TerminalFallback fallback)
    : sources_(std::move(sources)), ttys_(ttys), users_(users), fallback_(fallback) {}

std::vector<std::string> UserLocator::lines_of(const std::string& user) const {
  const auto account = users_.find(user);
  return account ? lines_of(user, account->uid) : std::vector<std::string>{};
}

std::vector<std::string> UserLocator::lines_of(const std::string& user, uid_t uid) const {
  std::vector<std::string> lines;
  auto add = [&lines](std::string line) {
    if (line.rfind("/dev/", 0) == 0) line.erase(0, 5);
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
  };
  bool session_without_terminal = false;
  for (const platform::LoginSource* source : sources_) {
    for (platform::LoginRecord& record : source->logins_of(user, uid)) {
      if (!record.user_process || record.user != user) continue;
      if (record.line.empty()) {
        session_without_terminal = true;
      } else {
        add(std::move(record.line));
      }
    }
  }
  if (fallback_.scan != nullptr && (session_without_terminal || fallback_.always)) {
    for (std::string& line : fallback_.scan->terminals_of(uid)) add(std::move(line));
  }
  return lines;
}

std::string UserLocator::login_name_for(const std::string& name, std::size_t field_size) const {
  if (field_size == 0 || name.size() != field_size - 1) return name;
  std::string match;
  for (const platform::LoginSource* source : sources_) {
    for (const platform::LoginRecord& record : source->logins()) {
      if (!record.user_process) continue;
      if (record.user == name) return name;
      if (record.user.size() > name.size() && record.user.compare(0, name.size(), name) == 0) {
        if (!match.empty() && match != record.user) return name;  // ambiguous
        match = record.user;
      }
    }
  }
  return match.empty() ? name : match;
}

Location UserLocator::locate(const std::string& user, const std::string& requested_tty) const {
  Location result;
  result.user = user;
  const auto account = users_.find(user);
  if (!account) return result;
  const std::vector<std::string> lines = lines_of(user, account->uid);
  if (lines.empty()) return result;

  bool refused = false;
  bool found = false;
  std::chrono::system_clock::time_point best_input;
  auto consider = [&](const std::string& line) {
    const auto info = ttys_.probe(line);
    if (!info || info->owner != account->uid) return;  // stale record or someone else's tty
    if (!info->group_writable) {
      refused = true;
      return;
    }
    if (!found || info->last_input > best_input) {
      found = true;
      best_input = info->last_input;
      result.tty = line;
    }
  };

  if (!requested_tty.empty() &&
      std::find(lines.begin(), lines.end(), requested_tty) != lines.end()) {
    consider(requested_tty);
  } else {
    for (const std::string& line : lines) consider(line);
  }
  if (found) {
    result.answer = proto::Answer::Success;
    result.uid = account->uid;
  } else {
    result.answer = refused ? proto::Answer::PermissionDenied : proto::Answer::NotHere;
  }
  return result;
}

}  // namespace talk::talkd
