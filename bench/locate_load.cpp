// locate_load: times talkd's user location (UserLocator::locate) over the real login sources.
//
// Usage: locate_load --user NAME [--utmp FILE] [--logind] [--scan] [--scan-always] [--rounds N]
// Each source flag adds that source the way talkd wires it: --utmp reads FILE, --logind asks
// sd-login, --scan lists /dev/pts for sessions without a terminal (--scan-always: for every
// callee). Prints one line of key=value figures: median and 99th percentile of one locate(),
// the answer and the terminal chosen.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/logind_sessions.hpp"
#include "platform/terminal_scan.hpp"
#include "platform/tty_writer.hpp"
#include "platform/user_db.hpp"
#include "platform/utmp_reader.hpp"
#include "protocol/answer_text.hpp"
#include "talkd/user_locator.hpp"

namespace {

// Diagnostics go to stderr; a failed write to stderr has nowhere better to go.
void complain(const std::string& text) {
  static_cast<void>(std::fputs(("locate_load: " + text + "\n").c_str(), stderr));
}

struct Settings {
  std::string user;
  std::string utmp;
  bool logind = false;
  bool scan = false;
  bool scan_always = false;
  int rounds = 2000;
};

int run(const Settings& s) {
  using Clock = std::chrono::steady_clock;
  namespace platform = talk::platform;
  std::unique_ptr<platform::UtmpFileSource> utmp;
  platform::LogindSessionSource logind;
  platform::DevPtsScan pts;
  std::vector<const platform::LoginSource*> sources;
  if (!s.utmp.empty()) {
    utmp = std::make_unique<platform::UtmpFileSource>(s.utmp);
    sources.push_back(utmp.get());
  }
  if (s.logind) {
    if (!platform::LogindSessionSource::running()) {
      complain("logind is not running here (or this build has no libsystemd)");
      return 1;
    }
    sources.push_back(&logind);
  }
  talk::talkd::TerminalFallback fallback;
  if (s.scan || s.scan_always) fallback = {&pts, s.scan_always};
  const platform::PasswdUserDb users;
  const platform::DevTtyWriter ttys;
  const talk::talkd::UserLocator locator(sources, ttys, users, fallback);

  std::vector<double> times;
  talk::talkd::Location where;
  for (int i = 0; i < s.rounds; ++i) {
    const auto start = Clock::now();
    where = locator.locate(s.user, "");
    times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  std::printf("locate_median_us=%.1f locate_p99_us=%.1f answer=%s tty=%s\n",
              times[times.size() / 2], times[times.size() * 99 / 100],
              talk::proto::answer_name(where.answer).c_str(),
              where.tty.empty() ? "-" : where.tty.c_str());
  return where.answer == talk::proto::Answer::Success ? 0 : 3;
}

}  // namespace

int main(int argc, char** argv) {
  Settings s;
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--user" && has_value) {
      s.user = args[++i];
    } else if (args[i] == "--utmp" && has_value) {
      s.utmp = args[++i];
    } else if (args[i] == "--rounds" && has_value) {
      s.rounds = std::max(1, std::atoi(std::string(args[++i]).c_str()));
    } else if (args[i] == "--logind") {
      s.logind = true;
    } else if (args[i] == "--scan") {
      s.scan = true;
    } else if (args[i] == "--scan-always") {
      s.scan_always = true;
    } else {
      complain(
          "usage: locate_load --user NAME [--utmp FILE] [--logind] [--scan] "
          "[--scan-always] [--rounds N]");
      return 2;
    }
  }
  if (s.user.empty()) {
    complain("--user is required");
    return 2;
  }
  return run(s);
}
