// talk-gateway's entry point: options, the XMPP account, talkd's channel, dropping root, and
// the one poll loop (channel requests, calls, the XMPP login's pumping, signals).

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/gateway.hpp"
#include "gateway/left_invitations.hpp"
#include "gateway/name_source.hpp"
#include "gateway/options.hpp"
#include "gateway/presence.hpp"
#include "gateway/xmpp_hub.hpp"
#include "platform/client_poll.hpp"
#include "platform/local_channel.hpp"
#include "platform/logind_sessions.hpp"
#include "platform/private_file.hpp"
#include "platform/privileges.hpp"
#include "platform/resolver.hpp"
#include "platform/signal_pipe.hpp"
#include "platform/state_file.hpp"
#include "platform/syslog_logger.hpp"
#include "platform/tty_writer.hpp"
#include "platform/user_db.hpp"
#include "platform/user_file_reader.hpp"
#include "platform/utmp_reader.hpp"
#include "protocol/sanitize.hpp"
#include "talk_config.hpp"
#include "xmpp/account.hpp"
#include "xmpp/strophe/strophe_connection.hpp"

using namespace talk;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::string_view kRestartText =
    "[talk] The talk gateway is stopping; this call is over. Ring again in a moment.";

std::optional<xmpp::Account> load_account(const std::string& path, std::string& password,
                                          std::string& error) {
  const platform::PrivateFile file = platform::read_private_file(path, platform::real_user_id());
  if (file.status != platform::PrivateFile::Status::Ok) {
    error = path + (file.status == platform::PrivateFile::Status::Missing
                        ? ": missing"
                        : ": must be a private file (mode 600) of the user starting the gateway");
    return std::nullopt;
  }
  xmpp::ParsedAccount parsed = xmpp::parse_account(file.text);
  if (!parsed.account) {
    error = path + ": " + parsed.error;
    return std::nullopt;
  }
  password = parsed.account->password;
  if (!parsed.account->password_command.empty()) {
    const auto line = platform::first_line_of_command(parsed.account->password_command);
    if (!line) {
      error = path + ": the password_command failed";
      return std::nullopt;
    }
    password = *line;
  }
  return parsed.account;
}

std::vector<gateway::NameEntry> load_site_names(const std::string& path, platform::Logger& log) {
  const auto text = platform::read_admin_file(path);
  if (!text) return {};
  gateway::ParsedNames parsed = gateway::parse_names(*text);
  for (const std::string& error : parsed.errors) {
    log.log(platform::LogLevel::Warning, std::string(path).append(": ").append(error));
  }
  return std::move(parsed.entries);
}

// Entries of the state file older than this are left alone (talkd has dropped them, and their
// ids may be in use again).
constexpr std::int64_t kLeftMaxAge = 600;

std::int64_t wall_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

constexpr std::string_view kCrashText =
    "[talk] The talk gateway restarted; your call is over. Ring again if you like.";

struct Pending {
  platform::UniqueFd fd;
  Clock::time_point since;
};

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const gateway::ParsedOptions parsed = gateway::parse_options(args);
  const gateway::Options& o = parsed.options;
  if (!parsed.error.empty()) {
    (void)std::fprintf(stderr, "talk-gateway: %s (try --help)\n", parsed.error.c_str());
    return 2;
  }
  if (o.help) {
    (void)std::fputs(gateway::usage_text().c_str(), stdout);
    return 0;
  }
  if (o.version) {
    (void)std::printf("talk-gateway (talk-ng) %s\n", TALK_NG_VERSION);
    return 0;
  }
  platform::SyslogLogger logger("talk-gateway", o.debug, o.foreground);
  const auto fail = [&logger](const std::string& text) {
    logger.log(platform::LogLevel::Error, text);
    return 1;
  };

  std::string password;
  std::string error;
  const auto account = load_account(o.config, password, error);
  if (!account) return fail(error);
  std::error_code ec;
  platform::LocalListener channel = platform::LocalListener::open(o.socket, 0666, ec);
  if (ec) return fail("cannot listen on " + o.socket + ": " + ec.message());
  // Invitations a crashed gateway left with talkd lead nowhere: delete them first.
  const std::int64_t started = wall_seconds();
  std::vector<std::string> to_tell;  // who rang through a gateway that crashed
  if (const auto text = platform::read_admin_file(o.state)) {
    const auto left = gateway::parse_left_invitations(*text);
    gateway::delete_left_invitations(left, started, kLeftMaxAge,
                                     {platform::kLoopbackAddress, o.talkd_port});
    for (const auto& l : left) {
      if (started - l.written < kLeftMaxAge &&
          std::find(to_tell.begin(), to_tell.end(), l.jid) == to_tell.end()) {
        to_tell.push_back(l.jid);
      }
    }
  }
  if (const std::error_code state = platform::create_state_file(o.state, o.user)) {
    return fail("cannot create " + o.state + ": " + state.message());
  }
  if (platform::running_as_root()) {
    std::string what;
    if (const std::error_code drop = platform::drop_privileges(o.user, o.group, what)) {
      return fail("cannot drop privileges: " + what + ": " + drop.message());
    }
  }
  platform::SignalPipe signals = platform::SignalPipe::open(ec);
  if (ec) return fail("signal setup: " + ec.message());

  platform::PasswdUserDb users;
  platform::SafeUserFileReader files;
  gateway::FileNameSource names(users, files, logger);
  names.set_site_names(load_site_names(o.names, logger));
  names.set_user_file(o.user_names);

  xmpp::strophe::StropheConnection connection;
  gateway::XmppHub hub(connection);
  gateway::GatewaySettings settings;
  settings.me = account->jid;
  settings.host = platform::local_host_name();
  settings.talkd = {platform::kLoopbackAddress, o.talkd_port};
  settings.utf8 = o.utf8;
  std::random_device seed;
  std::mt19937 random(seed());
  gateway::Gateway core(hub, names, logger, settings,
                        [&random] { return static_cast<std::uint32_t>(random()); });
  platform::UtmpFileSource utmp(platform::default_utmp_path());
  platform::LogindSessionSource logind;
  std::vector<const platform::LoginSource*> login_sources{&utmp};
  if (platform::LogindSessionSource::running()) login_sources.push_back(&logind);
  platform::DevTtyWriter ttys;
  gateway::LoginPresenceSource presence(login_sources, ttys, users);
  if (o.presence) core.set_presence(&presence);
  if (!hub.start(*account, password, error)) return fail(error);
  logger.log(platform::LogLevel::Info, "logging in as " + account->jid.bare());

  bool was_online = false;
  std::vector<gateway::LeftInvitation> written;
  std::vector<Pending> pending;
  for (;;) {
    const Clock::time_point now = Clock::now();
    std::vector<platform::PollEntry> entries{{signals.fd(), true}, {channel.fd(), true}};
    for (const Pending& p : pending) entries.push_back({p.fd.get(), true});
    core.add_poll(entries);
    auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(hub.max_wait());
    if (const auto due = core.next_due()) {
      wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::max(*due - now, Clock::duration::zero())));
    }
    if (const std::error_code perr = platform::poll_entries(entries, wait)) {
      return fail("poll: " + perr.message());
    }
    const Clock::time_point after = Clock::now();
    if (entries[0].readable) {
      const platform::SignalEvent event = signals.read_event();
      if (event == platform::SignalEvent::Terminate) break;
      if (event == platform::SignalEvent::Reload) {
        names.set_site_names(load_site_names(o.names, logger));
        logger.log(platform::LogLevel::Info, "reloaded " + o.names);
      }
    }
    if (entries[1].readable) {
      for (int round = 0; round < 16; ++round) {
        platform::UniqueFd fd = channel.accept();
        if (!fd) break;
        if (pending.size() < 64) pending.push_back({std::move(fd), after});
      }
    }
    for (Pending& p : pending) {
      if (const auto message = platform::receive_local_message(p.fd.get())) {
        const std::string answer = core.on_channel_message(*message, after);
        platform::send_local_message(p.fd.get(), answer);
        if (o.debug) {
          logger.log(
              platform::LogLevel::Debug,
              "talkd: " + talk::proto::sanitize_for_terminal(*message, proto::Utf8Policy::Escape) +
                  " -> " + answer);
        }
        p.fd.reset();
      } else if (after - p.since > std::chrono::seconds(2)) {
        p.fd.reset();
      }
    }
    std::erase_if(pending, [](const Pending& p) { return !p.fd; });
    core.on_poll(entries, after);
    core.on_timer(after);
    if (auto left = core.left_with_talkd(0); left != written) {
      const std::int64_t stamp = wall_seconds();
      written = left;
      for (auto& l : left) l.written = stamp;
      (void)platform::rewrite_state_file(o.state, gateway::format_left_invitations(left));
    }
    if (hub.online() && !to_tell.empty()) {
      for (const std::string& jid : to_tell) core.tell(jid, std::string(kCrashText));
      to_tell.clear();
    }
    if (hub.online() && !was_online) logger.log(platform::LogLevel::Info, "online");
    was_online = hub.online();
    if (!hub.online() && hub.lost()) {
      core.shutdown(std::string(kRestartText));
      (void)platform::rewrite_state_file(o.state, "");
      return fail("the XMPP login ended: " + *hub.lost());
    }
  }
  logger.log(platform::LogLevel::Info, "stopping");
  core.shutdown(std::string(kRestartText));
  // Bounded: let the library write the goodbyes, then close the stream.
  const auto pump_a_while = [&hub](int rounds, bool until_offline) {
    for (int round = 0; round < rounds && !(until_offline && !hub.online()); ++round) {
      hub.pump();
      std::vector<platform::PollEntry> none;
      (void)platform::poll_entries(none, hub.max_wait());
    }
  };
  pump_a_while(10, false);
  hub.stop();
  pump_a_while(50, true);
  (void)platform::rewrite_state_file(o.state, "");
  return 0;
}
