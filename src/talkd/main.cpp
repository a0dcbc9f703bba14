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
#include "platform/poll_loop.hpp"
#include "platform/privileges.hpp"
#include "platform/resolver.hpp"
#include "platform/signal_pipe.hpp"
#include "platform/socket_activation.hpp"
#include "platform/syslog_logger.hpp"
#include "platform/tty_writer.hpp"
#include "platform/user_db.hpp"
#include "platform/user_file_reader.hpp"
#include "platform/utmp_reader.hpp"
#include "talk_config.hpp"
#include "talkd/caching_resolver.hpp"
#include "talkd/options.hpp"
#include "talkd/server.hpp"

namespace {

using namespace talk;

enum class Mode { Inetd, Systemd, Standalone };

struct Sockets {
  std::vector<std::unique_ptr<platform::UdpSocket>> owned;
  std::vector<talkd::ListeningSocket> listening;
};

std::string adopt_socket(platform::UniqueFd fd, std::uint16_t otalk_port, Sockets& out) {
  if (!platform::UdpSocket::is_datagram_socket(fd.get())) {
    return "descriptor " + std::to_string(fd.get()) + " is not a datagram socket";
  }
  std::error_code ec;
  auto socket =
      std::make_unique<platform::UdpSocket>(platform::UdpSocket::adopt(std::move(fd), ec));
  if (ec) return "cannot use the passed socket: " + ec.message();
  const std::uint16_t port = socket->local_port(ec);
  out.listening.push_back({socket.get(), port == otalk_port ? "otalk" : "ntalk"});
  out.owned.push_back(std::move(socket));
  return {};
}

std::string open_sockets(Mode mode, const talkd::Options& o, Sockets& out) {
  if (mode == Mode::Inetd) return adopt_socket(platform::UniqueFd(0), proto::kOtalkPort, out);
  if (mode == Mode::Systemd) {
    std::error_code ec;
    auto fds = platform::take_activation_sockets(ec);
    if (ec) return "socket activation: " + ec.message();
    if (fds.empty()) return "socket activation passed no sockets";
    for (auto& fd : fds) {
      if (std::string error = adopt_socket(std::move(fd), proto::kOtalkPort, out); !error.empty()) {
        return error;
      }
    }
    return {};
  }
  const std::uint16_t ntalk = o.ntalk_port.value_or(platform::service_port("ntalk", 518));
  const std::uint16_t otalk = o.otalk_port.value_or(platform::service_port("talk", 517));
  for (const auto& [port, label] : {std::pair{ntalk, "ntalk"}, std::pair{otalk, "otalk"}}) {
    if (port == 0) continue;
    std::error_code ec;
    const platform::Ipv4Endpoint where{o.bind_address, port};
    auto socket = std::make_unique<platform::UdpSocket>(platform::UdpSocket::open_bound(where, ec));
    if (ec) return "cannot bind " + platform::format_endpoint(where) + ": " + ec.message();
    out.listening.push_back({socket.get(), label});
    out.owned.push_back(std::move(socket));
  }
  return {};
}

talkd::AclRules load_site_rules(const std::string& path, platform::Logger& logger, bool& ok) {
  ok = true;
  if (path.empty()) return {};
  const std::optional<std::string> text = platform::read_admin_file(path);
  if (!text) {
    ok = false;
    return {};
  }
  std::vector<std::string> problems;
  talkd::AclRules rules = talkd::AclRules::parse(*text, problems);
  for (const auto& problem : problems) {
    logger.log(platform::LogLevel::Warning, std::string(path).append(":").append(problem));
  }
  return rules;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const talkd::ParsedOptions parsed = talkd::parse_options(args);
  const talkd::Options& o = parsed.options;

  Mode mode = Mode::Standalone;
  if (!o.foreground) {
    if (platform::socket_activation_requested()) {
      mode = Mode::Systemd;
    } else if (platform::UdpSocket::is_datagram_socket(0)) {
      mode = Mode::Inetd;
    }
  }
  // Under inetd, standard output and error are the socket: everything goes to syslog.
  const bool may_print = mode != Mode::Inetd;
  platform::SyslogLogger logger("talkd", o.debug, mode == Mode::Standalone);
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
  if (!o.foreground && mode == Mode::Standalone) {
    return fail(
        "standard input is not a datagram socket: run talkd from inetd or systemd, "
        "or use --foreground",
        1);
  }

  Sockets sockets;
  if (std::string error = open_sockets(mode, o, sockets); !error.empty()) return fail(error, 1);
  if (sockets.listening.empty()) return fail("no socket to serve (both ports disabled)", 1);

  bool acl_ok = true;
  talkd::AclRules site_rules = load_site_rules(o.acl_file, logger, acl_ok);
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
  std::vector<const platform::LoginSource*> sources{&utmp};
  if (o.utmp_path.empty() && platform::LogindSessionSource::available()) sources.push_back(&logind);

  platform::PasswdUserDb users;
  platform::DevTtyWriter ttys;
  platform::SystemResolver system_resolver;
  talkd::CachingResolver resolver(system_resolver, clock);
  platform::SafeUserFileReader files;
  talkd::AccessPolicy policy(std::move(site_rules), o.strict, users, files, logger);
  talkd::RateLimiter limiter(clock, {});
  talkd::TableLimits table_limits;
  table_limits.max_life = o.request_ttl;
  talkd::InvitationTable table(clock, table_limits);
  talkd::UserLocator locator(sources, ttys, users);

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

  talkd::ServerSettings server_settings;
  const auto default_idle = mode == Mode::Standalone ? std::chrono::seconds(0) : proto::kMaxIdle;
  server_settings.idle_timeout = o.idle_timeout.value_or(default_idle);
  platform::SystemPoller poller;
  talkd::Server server(sockets.listening, processor, table, poller, clock, logger, server_settings);

  std::error_code ec;
  platform::SignalPipe signals = platform::SignalPipe::open(ec);
  if (ec) return fail("signal setup: " + ec.message(), 1);
  server.set_signals(&signals, [&] {
    bool ok = true;
    talkd::AclRules rules = load_site_rules(o.acl_file, logger, ok);
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
