// Command-line and person parsing for talk.
#include "talk/options.hpp"

#include <charconv>
#include <utility>

namespace talk::client {
namespace {

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc{} || ptr != end || value == 0 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

// The checks for a call to an XMPP peer: one peer, no ttyname.
ParsedCommandLine xmpp_peer_options(Options options, std::span<const std::string_view> positional) {
  ParsedCommandLine result;
  if (!options.xmpp_peer) {
    options.xmpp_peer = xmpp::parse_xmpp_uri(positional[0]);
    if (!options.xmpp_peer) {
      result.error = "not an XMPP address: " + std::string(positional[0]);
      return result;
    }
    positional = positional.subspan(1);
  }
  options.xmpp_peer->resource.clear();
  if (!positional.empty()) {
    result.error = "an XMPP address takes no ttyname";
    return result;
  }
  result.options = std::move(options);
  return result;
}

// The second operand of `talk person ttyname` names a terminal; anything else there is a second
// person (`talk alice bob`).
bool names_terminal(std::string_view arg) {
  return arg.starts_with("tty") || arg.starts_with("pts") || arg.starts_with("console") ||
         arg.find('/') != std::string_view::npos;
}

// Several people (or -m): each operand is a person; user#tty picks a terminal, as in ytalk.
ParsedCommandLine conference_options(Options options, const std::vector<std::string_view>& all) {
  ParsedCommandLine result;
  if (all.empty()) {
    result.error = std::string(kUsage);
    return result;
  }
  if (options.srdp || options.xmpp_peer) {
    result.error = "a conversation with several people is over talk daemons only";
    return result;
  }
  for (const std::string_view arg : all) {
    if (xmpp::is_xmpp_uri(arg) || arg.starts_with('!')) {
      result.error =
          "a conversation with several people is over talk daemons only: " + std::string(arg);
      return result;
    }
    const auto hash = arg.find('#');
    Person person = parse_person(arg.substr(0, hash), options.dots_in_user);
    if (hash != std::string_view::npos) person.tty = std::string(arg.substr(hash + 1));
    if (person.user.empty()) {
      result.error = "no user name in \"" + std::string(arg) + "\"";
      return result;
    }
    options.conference.push_back(std::move(person));
  }
  options.person = options.conference.front();
  result.options = std::move(options);
  return result;
}

}  // namespace

Person parse_person(std::string_view arg, bool dots_in_user) {
  const std::string_view separators = dots_in_user ? "@:!" : "@:!.";
  const auto at = arg.find_first_of(separators);
  Person person;
  if (at == std::string_view::npos) {
    person.user = std::string(arg);
  } else if (arg[at] == '@') {
    person.user = std::string(arg.substr(0, at));
    person.host = std::string(arg.substr(at + 1));
  } else {
    person.host = std::string(arg.substr(0, at));
    person.user = std::string(arg.substr(at + 1));
  }
  return person;
}

ParsedCommandLine parse_command_line(std::span<const std::string_view> args) {
  ParsedCommandLine result;
  Options options;
  std::string_view positional[2];
  std::size_t positional_count = 0;
  std::vector<std::string_view> all;  // every operand
  bool conference = false;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::optional<std::string_view> inline_value;  // --daemon-port=N
    if (const auto eq = arg.find('='); !options_done && arg.starts_with("--") && eq != arg.npos) {
      inline_value = arg.substr(eq + 1);
      arg = arg.substr(0, eq);
      if (arg != "--daemon-port" && arg != "--otalk-port" && arg != "--xmpp") {
        result.error = "option " + std::string(arg) + " takes no value";
        return result;
      }
    }
    if (!options_done && arg == "--") {
      options_done = true;
    } else if (!options_done && (arg == "--help" || arg == "-h")) {
      options.help = true;
    } else if (!options_done && (arg == "--version" || arg == "-V")) {
      options.version = true;
    } else if (!options_done && arg == "-x") {
      options.dots_in_user = true;
    } else if (!options_done && (arg == "-m" || arg == "--conference")) {
      conference = true;
    } else if (!options_done && (arg == "-u" || arg == "--utalk")) {
      options.announce_utalk = true;
    } else if (!options_done && (arg == "--daemon-port" || arg == "--otalk-port")) {
      if (!inline_value && i + 1 >= args.size()) {
        result.error = "option " + std::string(arg) + " needs a port number";
        return result;
      }
      const std::string_view value = inline_value ? *inline_value : args[++i];
      const auto port = parse_port(value);
      if (!port) {
        result.error = "bad port number for " + std::string(arg) + ": " + std::string(value);
        return result;
      }
      (arg == "--daemon-port" ? options.daemon_port : options.otalk_port) = port;
    } else if (!options_done && (arg == "-s" || arg == "-c")) {
      const std::size_t need = arg == "-s" ? 1 : 2;
      if (i + need >= args.size()) {
        result.error = "option " + std::string(arg) +
                       (need == 1 ? " needs a port" : " needs a host and a port");
        return result;
      }
      DirectSrdp direct{arg == "-s", need == 2 ? std::string(args[i + 1]) : std::string(), 0};
      const auto port = parse_port(args[i + need]);
      if (!port) {
        result.error =
            "bad port number for " + std::string(arg) + ": " + std::string(args[i + need]);
        return result;
      }
      direct.port = *port;
      options.srdp = direct;
      i += need;
    } else if (!options_done && arg == "--xmpp") {
      if (!inline_value && i + 1 >= args.size()) {
        result.error = "option --xmpp needs an address like user@server";
        return result;
      }
      const std::string_view value = inline_value ? *inline_value : args[++i];
      options.xmpp_peer = xmpp::parse_jid(value);
      if (!options.xmpp_peer || !options.xmpp_peer->resource.empty()) {
        result.error = "not an XMPP address: " + std::string(value);
        return result;
      }
    } else if (!options_done && arg.size() > 1 && arg[0] == '-') {
      result.error = "unknown option " + std::string(arg);
      return result;
    } else {
      if (positional_count < 2) positional[positional_count] = arg;
      ++positional_count;
      all.push_back(arg);
    }
  }
  if (options.help || options.version) {
    result.options = options;
    return result;
  }
  if (conference || (positional_count >= 2 && !names_terminal(all[1]))) {
    return conference_options(std::move(options), all);
  }
  if (options.xmpp_peer || (positional_count > 0 && xmpp::is_xmpp_uri(positional[0]))) {
    if (positional_count > 2) {
      result.error = "too many arguments";
      return result;
    }
    return xmpp_peer_options(std::move(options), std::span(positional, positional_count));
  }
  if (positional_count > 2) {
    result.error = "too many arguments";
    return result;
  }
  if (options.srdp && positional_count == 0) {
    result.options = options;
    return result;
  }
  if (positional_count == 0 || positional[0].empty()) {
    result.error = std::string(kUsage);
    return result;
  }
  // A leading '!' is utalk's mark (never a host!user separator): '!PORT@HOST', '!NAME@HOST'.
  const bool utalk_mark = positional[0].starts_with('!');
  options.person = parse_person(positional[0].substr(utalk_mark ? 1 : 0), options.dots_in_user);
  if (utalk_mark) options.person.user.insert(0, 1, '!');
  if (options.person.user.empty()) {
    result.error = "no user name in \"" + std::string(positional[0]) + "\"";
    return result;
  }
  if (positional_count == 2) options.person.tty = std::string(positional[1]);
  if (options.person.user.starts_with('!')) {
    // utalk's forms: '!PORT@HOST' answers `utalk -a`; '!NAME' is a utalk user's name.
    const auto port = parse_port(std::string_view(options.person.user).substr(1));
    if (port && !options.person.host.empty()) {
      options.srdp = DirectSrdp{false, options.person.host, *port};
    } else {
      options.person.user.erase(0, 1);
    }
  }
  result.options = options;
  return result;
}

std::string help_text() {
  return std::string(kUsage) +
         "\n       talk [-m] person [person...]\n"
         "Talk to another user, on this machine or another one.\n"
         "\n"
         "  person is user, user@host, host!user, host:user or host.user\n"
         "  ttyname picks one of the user's terminals when they are logged in more than once\n"
         "  xmpp:user@server (or --xmpp user@server) talks over XMPP, with the account in\n"
         "  ~/.config/talk/xmpp (see talk(1))\n"
         "\n"
         "Options:\n"
         "  -x                 dots belong to the user name (first.last@host)\n"
         "  -m, --conference   talk with several people in ytalk's protocol (implied when\n"
         "                     several people are named; person#tty picks a terminal)\n"
         "  --daemon-port N    UDP port of the talk daemons (default: service ntalk, 518)\n"
         "  --otalk-port N     UDP port of old-protocol daemons (default: service talk, 517)\n"
         "  -s PORT            utalk's raw server: wait on UDP PORT for a utalk peer\n"
         "  -c HOST PORT       utalk's raw client: talk to a utalk peer at HOST PORT\n"
         "  '!PORT@HOST'       answer `utalk -a` (utalk's protocol to HOST PORT)\n"
         "  -u, --utalk        announce as '!NAME', as utalk does: the other side's daemon\n"
         "                     asks them to answer with utalk (talk answers too)\n"
         "  --xmpp JID         talk to this XMPP address (the same as xmpp:JID)\n"
         "  -h, --help         show this help and exit\n"
         "  -V, --version      show the version and exit\n"
         "\n"
         "Environment: TALKHOST sets the local address announced to the other side.\n"
         "Keys: ESC p / ESC n scroll your half, ^P / ^N the other half, ^L redraws,\n"
         "^T sets the topic, shown to a utalk peer (Enter ends it, ^G drops it),\n"
         "the suspend key (^Z) stops talk until fg, the interrupt key (^C) ends the\n"
         "conversation. With several people, ESC m opens\n"
         "the menu: a adds someone, h hangs up on someone, r rings again those who have\n"
         "not answered, l lists who is in the conversation.";
}

}  // namespace talk::client
