// Start-mode detection and socket acquisition for inetd, systemd and standalone starts.
#include "talkd/start_mode.hpp"

#include "platform/host_lookup.hpp"
#include "platform/socket_activation.hpp"
#include "platform/user_file_reader.hpp"

namespace talk::talkd {
namespace {

std::string adopt_socket(platform::UniqueFd fd, ServingSockets& out) {
  if (!platform::UdpSocket::is_datagram_socket(fd.get())) {
    return "descriptor " + std::to_string(fd.get()) + " is not a datagram socket";
  }
  std::error_code ec;
  auto socket =
      std::make_unique<platform::UdpSocket>(platform::UdpSocket::adopt(std::move(fd), ec));
  if (ec) return "cannot use the passed socket: " + ec.message();
  const std::uint16_t port = socket->local_port(ec);
  out.listening.push_back({socket.get(), port == proto::kOtalkPort ? "otalk" : "ntalk"});
  out.owned.push_back(std::move(socket));
  return {};
}

std::uint16_t standalone_port(const std::optional<std::uint16_t>& option, const char* service,
                              std::uint16_t fallback) {
  return option.value_or(platform::udp_service_port(service).value_or(fallback));
}

}  // namespace

StartMode detect_start_mode(const Options& options) {
  if (options.foreground) return StartMode::Standalone;
  if (platform::socket_activation_requested()) return StartMode::Systemd;
  if (platform::UdpSocket::is_datagram_socket(0)) return StartMode::Inetd;
  return StartMode::Standalone;
}

std::string open_serving_sockets(StartMode mode, const Options& options, ServingSockets& out) {
  if (mode == StartMode::Inetd) return adopt_socket(platform::UniqueFd(0), out);
  if (mode == StartMode::Systemd) {
    std::error_code ec;
    auto fds = platform::take_activation_sockets(ec);
    if (ec) return "socket activation: " + ec.message();
    if (fds.empty()) return "socket activation passed no sockets";
    for (auto& fd : fds) {
      if (std::string error = adopt_socket(std::move(fd), out); !error.empty()) return error;
    }
    return {};
  }
  const std::uint16_t ntalk = standalone_port(options.ntalk_port, "ntalk", proto::kNtalkPort);
  const std::uint16_t otalk = standalone_port(options.otalk_port, "talk", proto::kOtalkPort);
  for (const auto& [port, label] : {std::pair{ntalk, "ntalk"}, std::pair{otalk, "otalk"}}) {
    if (port == 0) continue;
    std::error_code ec;
    const platform::Ipv4Endpoint where{options.bind_address, port};
    auto socket = std::make_unique<platform::UdpSocket>(platform::UdpSocket::open_bound(where, ec));
    if (ec) return "cannot bind " + platform::format_endpoint(where) + ": " + ec.message();
    out.listening.push_back({socket.get(), label});
    out.owned.push_back(std::move(socket));
  }
  return {};
}

AclRules load_site_rules(const std::string& path, platform::Logger& logger, bool& ok) {
  ok = true;
  if (path.empty()) return {};
  const std::optional<std::string> text = platform::read_admin_file(path);
  if (!text) {
    ok = false;
    return {};
  }
  std::vector<std::string> problems;
  AclRules rules = AclRules::parse(*text, problems);
  for (const auto& problem : problems) {
    logger.log(platform::LogLevel::Warning, std::string(path).append(":").append(problem));
  }
  return rules;
}

}  // namespace talk::talkd
