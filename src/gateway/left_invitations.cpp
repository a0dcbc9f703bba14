// The state file's lines, and their deletion after a restart.
#include "gateway/left_invitations.hpp"

#include <charconv>

#include "gateway/names_file.hpp"
#include "platform/datagram_socket.hpp"
#include "protocol/codec.hpp"
#include "protocol/constants.hpp"

namespace talk::gateway {
namespace {

constexpr std::size_t kMaxLines = 4096;

template <typename T>
bool number(std::string_view text, T& out) {
  if (text.empty() || text.size() > 19) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string format_left_invitations(const std::vector<LeftInvitation>& left) {
  std::string text;
  for (const LeftInvitation& l : left) {
    text += std::to_string(l.written) + " " + std::to_string(l.id) + " " + l.jid + "\n";
  }
  return text;
}

std::vector<LeftInvitation> parse_left_invitations(std::string_view text) {
  std::vector<LeftInvitation> left;
  while (!text.empty() && left.size() < kMaxLines) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    const std::size_t first = line.find(' ');
    const std::size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (second == std::string_view::npos) continue;
    LeftInvitation l;
    l.jid = comparable_bare(line.substr(second + 1));
    if (number(line.substr(0, first), l.written) &&
        number(line.substr(first + 1, second - first - 1), l.id) && l.written >= 0 &&
        !l.jid.empty()) {
      left.push_back(std::move(l));
    }
  }
  return left;
}

void delete_left_invitations(const std::vector<LeftInvitation>& left, std::int64_t now,
                             std::int64_t max_age_seconds, const platform::Ipv4Endpoint& talkd) {
  std::error_code ec;
  platform::UdpSocket socket = platform::UdpSocket::open_bound({platform::kLoopbackAddress, 0}, ec);
  if (ec) return;
  const platform::Ipv4Endpoint local = socket.local_endpoint(ec);
  for (const LeftInvitation& l : left) {
    if (now - l.written >= max_age_seconds || l.written > now) continue;
    proto::CtlMessage msg;
    msg.type = proto::RequestType::Delete;
    msg.id_num = l.id;
    msg.ctl_addr = proto::TalkAddr{proto::kAfInet, local.port, local.address, {}};
    msg.addr = proto::TalkAddr{proto::kAfInet, 0, 0, {}};
    (void)socket.send_to(proto::encode(msg), talkd);
  }
}

}  // namespace talk::gateway
