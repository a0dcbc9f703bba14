// Parsing talk-gateway's options, and its --help.
#include "gateway/options.hpp"

#include <charconv>
#include <optional>

namespace talk::gateway {
namespace {

std::string long_name(std::string_view name) {
  if (name == "c") return "config";
  if (name == "s") return "socket";
  if (name == "n") return "names";
  if (name == "f") return "foreground";
  if (name == "d") return "debug";
  if (name == "h") return "help";
  if (name == "V") return "version";
  return std::string(name);
}

bool takes_value(std::string_view name) {
  return name == "config" || name == "socket" || name == "names" || name == "talkd-port" ||
         name == "user-names" || name == "state" || name == "user" || name == "group";
}

std::string set_value(Options& o, std::string_view name, std::string_view value) {
  if (value.empty()) return "empty value for --" + std::string(name);
  if (name == "config") {
    o.config = value;
  } else if (name == "socket") {
    o.socket = value;
  } else if (name == "names") {
    o.names = value;
  } else if (name == "state") {
    o.state = value;
  } else if (name == "user-names") {
    o.user_names = value;
  } else if (name == "user") {
    o.user = value;
  } else if (name == "group") {
    o.group = value;
  } else if (name == "talkd-port") {
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), port);
    if (ec != std::errc() || end != value.data() + value.size() || port == 0 || port > 65535) {
      return "invalid port: " + std::string(value);
    }
    o.talkd_port = static_cast<std::uint16_t>(port);
  }
  return {};
}

bool set_flag(Options& o, std::string_view name) {
  if (name == "utf8") {
    o.utf8 = true;
  } else if (name == "no-presence") {
    o.presence = false;
  } else if (name == "foreground") {
    o.foreground = true;
  } else if (name == "debug") {
    o.debug = true;
  } else if (name == "help") {
    o.help = true;
  } else if (name == "version") {
    o.version = true;
  } else {
    return false;
  }
  return true;
}

}  // namespace

ParsedOptions parse_options(std::span<const std::string_view> args) {
  ParsedOptions parsed;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string name;
    std::optional<std::string_view> value;
    if (arg.starts_with("--")) {
      arg.remove_prefix(2);
      const std::size_t eq = arg.find('=');
      name = std::string(arg.substr(0, eq));
      if (eq != std::string_view::npos) value = arg.substr(eq + 1);
    } else if (arg.size() == 2 && arg[0] == '-') {
      name = long_name(arg.substr(1));
    } else {
      parsed.error = "unexpected argument: " + std::string(args[i]);
      return parsed;
    }
    if (takes_value(name)) {
      if (!value) {
        if (i + 1 >= args.size()) {
          parsed.error = "--" + name + " needs a value";
          return parsed;
        }
        value = args[++i];
      }
      parsed.error = set_value(parsed.options, name, *value);
      if (!parsed.error.empty()) return parsed;
    } else if (value || !set_flag(parsed.options, name)) {
      parsed.error = "unknown option: " + std::string(args[i]);
      return parsed;
    }
  }
  return parsed;
}

std::string usage_text() {
  return "Usage: talk-gateway [OPTION]...\n"
         "The talk-XMPP gateway: classic talk users call XMPP contacts by a short name,\n"
         "and XMPP users ring a local user by sending \"talk USER\" to the gateway's JID.\n"
         "\n"
         "  -c, --config=FILE      the XMPP account (default /etc/talk-ng/gateway.conf)\n"
         "  -s, --socket=PATH      the channel talkd hands calls over on\n"
         "                         (default /run/talk-ng/gateway.sock)\n"
         "      --state=FILE       the invitations left with talkd, deleted after a crash\n"
         "                         (default /run/talk-ng/gateway.state)\n"
         "  -n, --names=FILE       the site's names (default /etc/talk-ng/xmpp-names)\n"
         "      --user-names=PAT   each user's names file: %h is their home, %u their\n"
         "                         name (default %h/.config/talk/xmpp-names)\n"
         "      --talkd-port=PORT  talkd's ntalk port on 127.0.0.1 (default 518)\n"
         "      --user=USER        the user to run as when started as root (nobody)\n"
         "      --group=GROUP      the group to run as when started as root (the user's)\n"
         "      --no-presence      publish no local user's presence\n"
         "      --utf8             send UTF-8 to talk users (default: ASCII, others as ?)\n"
         "  -f, --foreground       log to standard error as well as to syslog\n"
         "  -d, --debug            log debugging messages\n"
         "  -h, --help             show this help and exit\n"
         "  -V, --version          show the version and exit\n";
}

}  // namespace talk::gateway
