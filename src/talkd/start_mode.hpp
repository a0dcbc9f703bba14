// How talkd was started (inetd, systemd, standalone), the sockets that come with it, and the
// site ACL file it reads at start and on SIGHUP.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "platform/datagram_socket.hpp"
#include "platform/logger.hpp"
#include "talkd/acl_rules.hpp"
#include "talkd/options.hpp"
#include "talkd/server.hpp"

namespace talk::talkd {

enum class StartMode { Inetd, Systemd, Standalone };

/// systemd when LISTEN_FDS names us, inetd when fd 0 is a datagram socket, else standalone
/// (which is only allowed with --foreground). --foreground always means standalone.
StartMode detect_start_mode(const Options& options);

/// The sockets talkd serves, owned, and the server's view of them.
struct ServingSockets {
  std::vector<std::unique_ptr<platform::UdpSocket>> owned;
  std::vector<ListeningSocket> listening;
};

/// Takes over inetd's fd 0 or systemd's sockets, or binds the standalone ports (--ntalk-port,
/// --otalk-port, else /etc/services, else 518/517). Returns an error text, empty on success.
std::string open_serving_sockets(StartMode mode, const Options& options, ServingSockets& out);

/// Reads and parses the site ACL file (`path` empty: no rules). `ok` is false when the file
/// cannot be read; malformed lines are logged and skipped.
AclRules load_site_rules(const std::string& path, platform::Logger& logger, bool& ok);

}  // namespace talk::talkd
