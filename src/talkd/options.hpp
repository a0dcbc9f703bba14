// talkd's command line: the options of netkit and inetutils talkd plus the standalone ones.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace talk::talkd {

struct Options {
  bool debug = false;                                // -d, --debug
  bool quiet = false;                                // -q, --quiet
  bool strict = false;                               // -S, --strict-policy
  bool foreground = false;                           // --foreground: bind the ports ourselves
  bool help = false;                                 // -h, --help
  bool version = false;                              // -V, --version
  std::optional<std::chrono::seconds> idle_timeout;  // -i, --idle-timeout (0: never)
  std::chrono::seconds request_ttl{60};              // -r, --request-ttl
  std::string acl_file;                              // -a, --acl
  std::optional<std::uint16_t> ntalk_port;           // --ntalk-port (default /etc/services)
  std::optional<std::uint16_t> otalk_port;  // --otalk-port (default /etc/services; 0: none)
  std::uint32_t bind_address = 0;           // --bind (host order, 0: any)
  std::string user = "nobody";              // --user
  std::string utmp_path;                    // --utmp (empty: system default)
  std::string gateway_socket = "/run/talk-ng/gateway.sock";  // --gateway (empty: none)
};

struct ParsedOptions {
  Options options;
  std::string error;  // empty on success
};

/// Parses the arguments after the program name. Accepts "-i 5", "-i5", "--idle-timeout 5",
/// "--idle-timeout=5", grouped flags ("-dq"), and for compatibility the inetutils "-l"
/// (logging, the default) and "-t N" and netkit "-p", which change nothing.
ParsedOptions parse_options(std::span<const std::string_view> args);

/// The --help text.
std::string usage_text();

}  // namespace talk::talkd
