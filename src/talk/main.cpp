// talk's entry point: command line, terminal checks, real dependencies, one session.
#include <clocale>
#include <cstdio>
#include <string>
#include <vector>

#include "platform/client_identity.hpp"
#include "platform/terminal_mode.hpp"
#include "talk/client_setup.hpp"
#include "talk/curses_screen.hpp"
#include "talk/session.hpp"
#include "talk/status_texts.hpp"
#include "talk_config.hpp"

using namespace talk;

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "");
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const auto parsed = client::parse_command_line(args);
  if (!parsed.options) {
    std::fprintf(stderr, "%s\n", parsed.error.c_str());
    if (parsed.error != client::kUsage) std::fprintf(stderr, "%s\n", client::kUsage.data());
    return 1;
  }
  if (parsed.options->help) {
    std::fputs(client::help_text().c_str(), stdout);
    return 0;
  }
  if (parsed.options->version) {
    std::printf("talk (talk-ng) %s\n", TALK_NG_VERSION);
    return 0;
  }
  if (!platform::is_terminal(0)) {
    std::fprintf(stderr, "%s\n", client::text::kNotATty.data());
    return 1;
  }
  const std::string me = platform::caller_login_name();
  if (me.empty()) {
    std::fprintf(stderr, "You don't exist. Go away.\n");
    return 1;
  }
  auto setup = client::prepare_client({*parsed.options, me, platform::current_process_id(),
                                       platform::environment_value("TALKHOST")});
  if (!setup.resources) {
    std::fprintf(stderr, "talk: %s\n", setup.error.c_str());
    return 1;
  }
  const auto edit = platform::terminal_edit_chars(0);
  platform::SignalEvents signals;
  platform::SystemClock clock;
  client::SessionResult result;
  {
    client::CursesScreen screen(0, 1);
    if (!screen.ok()) {
      std::fprintf(stderr, "talk: cannot use this terminal (is TERM set?)\n");
      return 1;
    }
    client::Session session({0,
                             &signals,
                             &screen,
                             &clock,
                             setup.resources.get(),
                             platform::locale_is_utf8(),
                             {edit[0], edit[1], edit[2]}});
    result = session.run();
  }
  if (!result.message.empty()) std::fprintf(stderr, "[%s]\n", result.message.c_str());
  if (!result.detail.empty()) std::fprintf(stderr, "talk: %s\n", result.detail.c_str());
  return result.exit_code;
}
