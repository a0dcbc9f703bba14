// talkd's entry point: picks the start mode (inetd, systemd, standalone), gets the sockets,
// drops root, wires the real platform pieces into the core, and runs the loop.

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "platform/local_time.hpp"
#include "platform/logind_sessions.hpp"
#include "platform/name_lookups.hpp"
#include "platform/poll_loop.hpp"
#include "platform/privileges.hpp"
#include "platform/resolver.hpp"
#include "platform/signal_pipe.hpp"
#include "platform/syslog_logger.hpp"
#include "platform/terminal_scan.hpp"
#include "platform/tty_writer.hpp"
#include "platform/user_db.hpp"
#include "platform/utmp_reader.hpp"
#include "talk_config.hpp"
#include "talkd/caching_resolver.hpp"
#include "talkd/gateway_handoff.hpp"
#include "talkd/options.hpp"
#include "talkd/server.hpp"
#include "talkd/start_mode.hpp"

using namespace talk;

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const talkd::ParsedOptions parsed = talkd::parse_options(args);
  const talkd::Options& o = parsed.options;

  const talkd::StartMode mode = talkd::detect_start_mode(o);
  // Under inetd, standard output and error are the socket: everything goes to syslog.
  const bool may_print = mode != talkd::StartMode::Inetd;
  platform::SyslogLogger logger("talkd", o.debug, mode == talkd::StartMode::Standalone);
  auto fail = [&](const std::string& text, int code) {
    if (may_print) {
      (void)std::fprintf(stderr, "talkd: %s\n", text.c_str());
    } else {
      logger.log(platform::LogLevel::Error, text);
    }
    return code;
  };

  if (!parsed.error.empty()) return fail(parsed.error + " (try --help)", 2);
  if (o.help && may_print) {
    (void)std::fputs(talkd::usage_text().c_str(), stdout);
    return 0;
  }
  if (o.version && may_print) {
    (void)std::printf("talkd (talk-ng) %s\n", TALK_NG_VERSION);
    return 0;
  }
  if (!o.foreground && mode == talkd::StartMode::Standalone) {
    return fail(
        "standard input is not a datagram socket: run talkd from inetd or systemd, "
        "or use --foreground",
        1);
  }

  talkd::ServingSockets sockets;
  if (std::string error = talkd::open_serving_sockets(mode, o, sockets); !error.empty()) {
    return fail(error, 1);
  }
  if (sockets.listening.empty()) return fail("no socket to serve (both ports disabled)", 1);

  bool acl_ok = true;
  talkd::AclRules site_rules = talkd::load_site_rules(o.acl_file, logger, acl_ok);
  if (!acl_ok) return fail("cannot read the ACL file " + o.acl_file, 1);

  if (platform::running_as_root()) {
    std::string what;
    if (const std::error_code ec = platform::drop_privileges(o.user, "tty", what)) {
      return fail("cannot drop privileges: " + what + ": " + ec.message(), 1);
    }
  }

  platform::SystemClock clock;
  platform::UtmpFileSource utmp(o.utmp_path.empty() ? platform::default_utmp_path() : o.utmp_path);
  platform::LogindSessionSource logind;
  platform::DevPtsScan pts_scan;
  std::vector<const platform::LoginSource*> sources{&utmp};
  talkd::TerminalFallback fallback;
  if (o.utmp_path.empty()) {  // a private utmp file (--utmp) is the only source
    if (platform::LogindSessionSource::running()) sources.push_back(&logind);
    fallback.scan = &pts_scan;
    fallback.always = !platform::LogindSessionSource::running() && !utmp.present();
  }

  platform::PasswdUserDb users;
  platform::DevTtyWriter ttys;
  platform::SystemResolver system_resolver;
  platform::ThreadedNameLookups name_lookups;
  talkd::CachingResolver resolver(system_resolver, name_lookups, clock);
  platform::SafeUserFileReader files;
  talkd::AccessPolicy policy(std::move(site_rules), o.strict, users, files, logger);
  talkd::RateLimiter limiter(clock, {});
  talkd::TableLimits table_limits;
  table_limits.max_life = o.request_ttl;
  talkd::InvitationTable table(clock, table_limits);
  talkd::UserLocator locator(sources, ttys, users, fallback);

  talkd::ProcessorSettings settings;
  settings.local_host = platform::local_host_name();
  settings.local_time = [](std::chrono::system_clock::time_point when) {
    const platform::LocalClockTime t = platform::local_clock_time(when);
    return talkd::HourMinute{t.hour, t.minute};
  };
  settings.quiet = o.quiet;
  settings.debug = o.debug;
  talkd::RequestProcessor processor(
      {table, locator, ttys, policy, limiter, resolver, logger, clock}, settings);
  talkd::ChannelHandoff gateway(o.gateway_socket, std::chrono::milliseconds(300));
  if (!o.gateway_socket.empty()) processor.set_gateway(&gateway);

  talkd::ServerSettings server_settings;
  const auto default_idle =
      mode == talkd::StartMode::Standalone ? std::chrono::seconds(0) : proto::kMaxIdle;
  server_settings.idle_timeout = o.idle_timeout.value_or(default_idle);
  platform::SystemPoller poller;
  talkd::Server server(sockets.listening, processor, table, poller, clock, logger, server_settings);
  server.set_names(&resolver);

  std::error_code ec;
  platform::SignalPipe signals = platform::SignalPipe::open(ec);
  if (ec) return fail("signal setup: " + ec.message(), 1);
  server.set_signals(&signals, [&] {
    bool ok = true;
    talkd::AclRules rules = talkd::load_site_rules(o.acl_file, logger, ok);
    if (ok) {
      policy.set_site_rules(std::move(rules));
      logger.log(platform::LogLevel::Info, "reloaded the ACL file");
    } else {
      logger.log(platform::LogLevel::Warning, "cannot reread " + o.acl_file + "; keeping rules");
    }
  });
  if (o.debug) logger.log(platform::LogLevel::Debug, "serving");
  const talkd::StopReason reason = server.run();
  return reason == talkd::StopReason::Error ? 1 : 0;
}
