// talk-gateway's command line.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace talk::gateway {

struct Options {
  std::string config = "/etc/talk-ng/gateway.conf";       // -c, --config: the XMPP account
  std::string socket = "/run/talk-ng/gateway.sock";       // -s, --socket: talkd's channel
  std::string state = "/run/talk-ng/gateway.state";       // --state: invitations left
  std::string names = "/etc/talk-ng/xmpp-names";          // -n, --names: the site's names
  std::string user_names = "%h/.config/talk/xmpp-names";  // --user-names: each user's
  std::uint16_t talkd_port = 518;                         // --talkd-port
  std::string user = "nobody";                            // --user, after starting as root
  std::string group;                                      // --group (empty: the user's own group)
  bool presence = true;     // --no-presence: publish no one's presence
  bool utf8 = false;        // --utf8
  bool foreground = false;  // -f, --foreground: log to stderr too
  bool debug = false;       // -d, --debug
  bool help = false;        // -h, --help
  bool version = false;     // -V, --version
};

struct ParsedOptions {
  Options options;
  std::string error;  // empty on success
};

/// The arguments after the program name: "--name=value", "--name value", "-c value".
ParsedOptions parse_options(std::span<const std::string_view> args);

std::string usage_text();

}  // namespace talk::gateway
