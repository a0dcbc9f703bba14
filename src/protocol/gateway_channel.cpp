// Encoding and strict parsing of the talkd-gateway channel's messages.
#include "protocol/gateway_channel.hpp"

#include <charconv>
#include <vector>

#include "protocol/constants.hpp"

namespace talk::proto {
namespace {

std::string dotted(std::uint32_t ipv4) {
  return std::to_string(ipv4 >> 24) + "." + std::to_string((ipv4 >> 16) & 0xff) + "." +
         std::to_string((ipv4 >> 8) & 0xff) + "." + std::to_string(ipv4 & 0xff);
}

template <typename T>
std::optional<T> number(std::string_view text, T max) {
  if (text.empty() || text.size() > 5 || (text.size() > 1 && text.front() == '0')) {
    return std::nullopt;
  }
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > max) return std::nullopt;
  return static_cast<T>(value);
}

std::optional<std::uint32_t> parse_dotted(std::string_view text) {
  std::uint32_t ipv4 = 0;
  for (int part = 0; part < 4; ++part) {
    const std::size_t dot = part < 3 ? text.find('.') : text.size();
    if (dot == std::string_view::npos) return std::nullopt;
    const auto octet = number<std::uint32_t>(text.substr(0, dot), 255);
    if (!octet) return std::nullopt;
    ipv4 = (ipv4 << 8) | *octet;
    text.remove_prefix(part < 3 ? dot + 1 : dot);
  }
  return ipv4;
}

std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  while (out.size() <= 5) {
    const std::size_t space = line.find(' ');
    out.push_back(line.substr(0, space));
    if (space == std::string_view::npos) break;
    line.remove_prefix(space + 1);
  }
  return out;
}

}  // namespace

bool is_gateway_name(std::string_view name) {
  if (name.empty() || name.size() >= kNameSize) return false;
  for (const char c : name) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

std::string encode_gateway_message(const GatewayMessage& message) {
  switch (message.verb) {
    case GatewayVerb::Ring:
      return "RING " + message.caller + " " + message.callee + " " + dotted(message.addr.ipv4) +
             " " + std::to_string(message.addr.port) + "\n";
    case GatewayVerb::Cancel:
      return "CANCEL " + message.caller + " " + message.callee + "\n";
    case GatewayVerb::Ok:
      return "OK\n";
    case GatewayVerb::Unknown:
      return "UNKNOWN\n";
  }
  return "UNKNOWN\n";
}

std::optional<GatewayMessage> parse_gateway_message(std::string_view text) {
  if (text.size() > kGatewayMessageMax || text.empty() || text.back() != '\n') return std::nullopt;
  text.remove_suffix(1);
  if (text.find('\n') != std::string_view::npos) return std::nullopt;
  const std::vector<std::string_view> w = words(text);
  GatewayMessage message;
  if (w.size() == 1 && w[0] == "OK") {
    message.verb = GatewayVerb::Ok;
    return message;
  }
  if (w.size() == 1 && w[0] == "UNKNOWN") return message;
  const bool ring = w.size() == 5 && w[0] == "RING";
  const bool cancel = w.size() == 3 && w[0] == "CANCEL";
  if (!ring && !cancel) return std::nullopt;
  if (!is_gateway_name(w[1]) || !is_gateway_name(w[2])) return std::nullopt;
  message.verb = ring ? GatewayVerb::Ring : GatewayVerb::Cancel;
  message.caller = std::string(w[1]);
  message.callee = std::string(w[2]);
  if (ring) {
    const auto ipv4 = parse_dotted(w[3]);
    const auto port = number<std::uint16_t>(w[4], 65535);
    if (!ipv4 || !port || *port == 0) return std::nullopt;
    message.addr = TalkAddr{kAfInet, *port, *ipv4, {}};
  }
  return message;
}

}  // namespace talk::proto
