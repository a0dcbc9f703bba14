// talk's entry point: command line, terminal checks, real dependencies, one session.
#include <clocale>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "platform/client_identity.hpp"
#include "platform/resolver.hpp"
#include "platform/terminal_mode.hpp"
#include "talk/client_setup.hpp"
#include "talk/conference_session.hpp"
#include "talk/curses_screen.hpp"
#include "talk/direct_link.hpp"
#include "talk/session.hpp"
#include "talk/status_texts.hpp"
#include "talk/xmpp_account.hpp"
#include "talk/xmpp_link.hpp"
#include "talk_config.hpp"
#include "xmpp/strophe/strophe_connection.hpp"

namespace {

void print(std::FILE* to, const std::string& line) {
  (void)std::fputs((line + "\n").c_str(), to);
}

// `talk xmpp:peer`: the account from the config dir; the link logs in when the session makes it.
// `connection` must outlive the session.
std::optional<talk::client::DirectLinkFactory> xmpp_link(const talk::xmpp::Jid& peer,
                                                         talk::xmpp::Connection& connection) {
  using namespace talk;
  const std::string path = xmpp::account_file_path(platform::environment_value("XDG_CONFIG_HOME"),
                                                   platform::environment_value("HOME"));
  client::LoadedXmppAccount loaded = client::load_xmpp_account(path);
  if (!loaded.account) {
    print(stderr, "talk: " + loaded.error);
    return std::nullopt;
  }
  return [peer, &connection, account = *loaded.account, password = loaded.password](
             client::PeerView& view, client::TimePoint /*now*/,
             std::string& error) -> std::unique_ptr<client::PeerLink> {
    std::random_device random;
    auto link = std::make_unique<client::XmppLink>(
        connection, xmpp::ChatSettings{account.jid, peer, random(), std::chrono::seconds(30)}, view,
        platform::locale_is_utf8());
    std::string why;
    if (!link->login(account, password, why)) {
      error = "XMPP: " + why;
      return nullptr;
    }
    return link;
  };
}

// The conversation with several people (or -m): each member's daemon sockets are made when the
// conference calls them.
talk::client::ConferenceIo conference_io(const talk::client::Options& options,
                                         const std::string& me) {
  using namespace talk;
  client::ConferenceIo io;
  io.my_name = me;
  io.my_host = platform::local_host_name();
  io.pid = static_cast<std::uint32_t>(platform::current_process_id());
  io.people = options.conference;
  io.setup = [options, me](const client::Person& person) {
    client::Options one = options;
    one.person = person;
    return client::prepare_client(
        {one, me, platform::current_process_id(), platform::environment_value("TALKHOST")});
  };
  return io;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace talk;
  (void)std::setlocale(LC_ALL, "");
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const auto parsed = client::parse_command_line(args);
  if (!parsed.options) {
    print(stderr, parsed.error);
    if (parsed.error != client::kUsage) print(stderr, std::string(client::kUsage));
    return 1;
  }
  if (parsed.options->help || parsed.options->version) {
    print(stdout, parsed.options->help ? client::help_text()
                                       : std::string("talk (talk-ng) ") + TALK_NG_VERSION);
    return 0;
  }
  if (!platform::is_terminal(0)) {
    print(stderr, std::string(client::text::kNotATty));
    return 1;
  }
  client::ClientSetup setup;
  std::optional<client::ConferenceIo> conference;
  client::DirectLinkFactory direct;
  bool link_drives_status = false;
  std::optional<xmpp::strophe::StropheConnection> connection;  // only XMPP loads libstrophe
  if (parsed.options->xmpp_peer) {
    auto factory = xmpp_link(*parsed.options->xmpp_peer, connection.emplace());
    if (!factory) return 1;
    direct = std::move(*factory);
    link_drives_status = true;
  } else if (const std::string me = platform::caller_login_name(); me.empty()) {
    print(stderr, "You don't exist. Go away.");
    return 1;
  } else if (!parsed.options->conference.empty()) {
    conference = conference_io(*parsed.options, me);
  } else if (parsed.options->srdp) {
    direct = client::direct_srdp_link(*parsed.options->srdp, platform::locale_is_utf8());
  } else {
    setup = client::prepare_client({*parsed.options, me, platform::current_process_id(),
                                    platform::environment_value("TALKHOST")});
    if (!setup.resources) {
      print(stderr, "talk: " + setup.error);
      return 1;
    }
  }
  const auto edit = platform::terminal_edit_chars(0);
  platform::SignalEvents signals;
  platform::SystemClock clock;
  client::SessionResult result;
  {
    client::CursesScreen screen(0, 1);
    if (!screen.ok()) {
      print(stderr, "talk: cannot use this terminal (is TERM set?)");
      return 1;
    }
    if (conference) {
      conference->input_fd = 0;
      conference->signals = &signals;
      conference->screen = &screen;
      conference->clock = &clock;
      conference->utf8 = platform::locale_is_utf8();
      conference->my_edit_chars = {edit[0], edit[1], edit[2]};
      result = client::ConferenceSession(std::move(*conference)).run();
    } else {
      client::Session session({0,
                               &signals,
                               &screen,
                               &clock,
                               setup.resources.get(),
                               platform::locale_is_utf8(),
                               {edit[0], edit[1], edit[2]},
                               std::move(direct),
                               link_drives_status});
      result = session.run();
    }
  }  // the terminal is restored here, before anything is printed
  if (!result.message.empty()) print(stderr, "[" + result.message + "]");
  if (!result.detail.empty()) print(stderr, "talk: " + result.detail);
  return result.exit_code;
}
