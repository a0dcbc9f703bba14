// parse_options: a small getopt_long-like parser without global state.
#include "talkd/options.hpp"

#include <charconv>

#include "platform/endpoint.hpp"

namespace talk::talkd {
namespace {

std::optional<std::uint32_t> parse_number(std::string_view text, std::uint32_t max) {
  std::uint32_t value = 0;
  const auto* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc() || result.ptr != end || value > max) {
    return std::nullopt;
  }
  return value;
}

// Applies the option `name` (without dashes) with `value` (when it takes one).
std::string apply(Options& o, std::string_view name, std::string_view value) {
  constexpr std::uint32_t kMaxSeconds = 86400 * 365;
  auto seconds = [&](std::optional<std::uint32_t> n) { return std::chrono::seconds(*n); };
  if (name == "i" || name == "idle-timeout") {
    const auto n = parse_number(value, kMaxSeconds);
    if (!n) return "invalid idle timeout: " + std::string(value);
    o.idle_timeout = seconds(n);
  } else if (name == "r" || name == "request-ttl") {
    const auto n = parse_number(value, kMaxSeconds);
    if (!n || *n == 0) return "invalid request TTL: " + std::string(value);
    o.request_ttl = seconds(n);
  } else if (name == "t" || name == "timeout") {
    if (!parse_number(value, kMaxSeconds)) return "invalid timeout: " + std::string(value);
  } else if (name == "a" || name == "acl") {
    o.acl_file = value;
  } else if (name == "ntalk-port" || name == "otalk-port") {
    const auto n = parse_number(value, 65535);
    if (!n || (name == "ntalk-port" && *n == 0)) return "invalid port: " + std::string(value);
    if (name == "ntalk-port") {
      o.ntalk_port = static_cast<std::uint16_t>(*n);
    } else {
      o.otalk_port = static_cast<std::uint16_t>(*n);
    }
  } else if (name == "bind") {
    const auto address = platform::parse_ipv4(value);
    if (!address) return "invalid IPv4 address: " + std::string(value);
    o.bind_address = *address;
  } else if (name == "user") {
    if (value.empty()) return "empty user name";
    o.user = value;
  } else if (name == "utmp") {
    o.utmp_path = value;
  } else if (name == "gateway") {
    o.gateway_socket = value == "none" ? std::string() : std::string(value);
  }
  return {};
}

bool takes_value(std::string_view name) {
  return name == "i" || name == "idle-timeout" || name == "r" || name == "request-ttl" ||
         name == "t" || name == "timeout" || name == "a" || name == "acl" || name == "ntalk-port" ||
         name == "otalk-port" || name == "bind" || name == "user" || name == "utmp" ||
         name == "gateway";
}

// Sets a flag; false when `name` is not a flag.
bool set_flag(Options& o, std::string_view name) {
  if (name == "d" || name == "debug") {
    o.debug = true;
  } else if (name == "q" || name == "quiet") {
    o.quiet = true;
  } else if (name == "S" || name == "strict-policy") {
    o.strict = true;
  } else if (name == "foreground") {
    o.foreground = true;
  } else if (name == "h" || name == "help") {
    o.help = true;
  } else if (name == "V" || name == "version") {
    o.version = true;
  } else if (name == "l" || name == "logging" || name == "p") {
    // inetutils -l (log requests: always done unless -q) and netkit -p (packet dumps).
  } else {
    return false;
  }
  return true;
}

}  // namespace

ParsedOptions parse_options(std::span<const std::string_view> args) {
  ParsedOptions parsed;
  Options& o = parsed.options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg.size() > 2 && arg.substr(0, 2) == "--") {
      std::string_view name = arg.substr(2);
      std::optional<std::string_view> value;
      if (const auto eq = name.find('='); eq != std::string_view::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (name.size() == 1) {
        parsed.error = "unknown option: " + std::string(arg);
        return parsed;
      }
      if (takes_value(name)) {
        if (!value) {
          if (i + 1 >= args.size()) {
            parsed.error = "option --" + std::string(name) + " needs a value";
            return parsed;
          }
          value = args[++i];
        }
        parsed.error = apply(o, name, *value);
        if (!parsed.error.empty()) return parsed;
      } else if (value || !set_flag(o, name)) {
        parsed.error = "unknown option: " + std::string(arg);
        return parsed;
      }
      continue;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      parsed.error = "unexpected argument: " + std::string(arg);
      return parsed;
    }
    for (std::size_t j = 1; j < arg.size(); ++j) {
      const std::string_view name = arg.substr(j, 1);
      if (takes_value(name)) {
        std::string_view value = arg.substr(j + 1);
        if (value.empty()) {
          if (i + 1 >= args.size()) {
            parsed.error = "option -" + std::string(name) + " needs a value";
            return parsed;
          }
          value = args[++i];
        }
        parsed.error = apply(o, name, value);
        if (!parsed.error.empty()) return parsed;
        break;
      }
      if (!set_flag(o, name)) {
        parsed.error = "unknown option: -" + std::string(name);
        return parsed;
      }
    }
  }
  return parsed;
}

std::string usage_text() {
  return "Usage: talkd [OPTION]...\n"
         "The talk rendezvous daemon: keeps invitations and rings the callee's terminal.\n"
         "Started by inetd (the socket on standard input) or systemd socket activation,\n"
         "or on its own with --foreground.\n"
         "\n"
         "  -a, --acl=FILE           site access control list\n"
         "  -d, --debug              log every request and answer\n"
         "  -i, --idle-timeout=SEC   exit after SEC idle seconds (inetd, systemd: 120;\n"
         "                           --foreground: never); 0 never exits\n"
         "  -q, --quiet              do not log each connection\n"
         "  -r, --request-ttl=SEC    keep invitations SEC seconds after the last refresh (60)\n"
         "  -S, --strict-policy      deny requests no ACL rule allows\n"
         "      --foreground         bind the ports and serve without inetd or systemd\n"
         "      --ntalk-port=PORT    ntalk port with --foreground (default: ntalk service, 518)\n"
         "      --otalk-port=PORT    otalk port with --foreground (default: talk service,\n"
         "                           517; 0 disables)\n"
         "      --bind=ADDR          IPv4 address to bind with --foreground (default: any)\n"
         "      --gateway=SOCKET     hand callee names that are no local user to the\n"
         "                           talk-XMPP gateway at SOCKET (default\n"
         "                           /run/talk-ng/gateway.sock; none: never)\n"
         "      --user=USER          user to run as after start as root (nobody)\n"
         "      --utmp=FILE          read logins only from FILE (default: utmp, logind, and\n"
         "                           the callee's ptys for sessions without a terminal)\n"
         "  -h, --help               show this help and exit\n"
         "  -V, --version            show the version and exit\n";
}

}  // namespace talk::talkd
