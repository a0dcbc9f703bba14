// libFuzzer target: the gateway's parsers (talkd's channel messages, the names file, the
// state file) and the talk-bytes translation. Properties: channel messages re-encode to what
// parses to the same message; names are talk names and JIDs bare; state lines round-trip;
// what reaches a classic screen holds no control byte but newline and the gateway's erase.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "gateway/left_invitations.hpp"
#include "gateway/names_file.hpp"
#include "gateway/talk_translation.hpp"
#include "protocol/gateway_channel.hpp"

namespace talk::gateway {
namespace {

void require(bool holds, const char* what) {
  if (holds) return;
  (void)std::fprintf(stderr, "property violated: %s\n", what);
  std::abort();
}

void check_channel(std::string_view text) {
  const auto message = proto::parse_gateway_message(text);
  if (!message) return;
  const std::string again = proto::encode_gateway_message(*message);
  require(again.size() <= proto::kGatewayMessageMax, "an encoded message fits the channel");
  require(proto::parse_gateway_message(again) == message, "a message round-trips");
}

void check_names(std::string_view text) {
  const ParsedNames parsed = parse_names(text);
  for (const NameEntry& entry : parsed.entries) {
    require(is_short_name(entry.name), "a name is a short name");
    require(entry.jid.resource.empty(), "a JID is bare");
    require(!comparable_bare(entry.jid.bare()).empty(), "a JID is valid");
  }
  const NameBook book(parsed.entries, {});
  for (const NameEntry& entry : parsed.entries) {
    require(book.jid_for(entry.name).has_value(), "a listed name is found");
  }
}

void check_state(std::string_view text) {
  const auto left = parse_left_invitations(text);
  require(parse_left_invitations(format_left_invitations(left)) == left, "state round-trips");
}

void check_translation(std::span<const std::uint8_t> bytes) {
  TalkInput input;
  if (bytes.size() >= 3) input.set_edit_chars(bytes[0], bytes[1], bytes[2]);
  for (const TalkEdit& edit : input.feed(bytes)) {
    for (const char c : edit.text) {
      require(static_cast<unsigned char>(c) >= 0x20, "typed text holds no control");
    }
  }
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  for (const bool utf8 : {false, true}) {
    for (const char c : talk_safe_bytes(text, utf8)) {
      const auto b = static_cast<unsigned char>(c);
      require(b >= 0x20 || b == '\n', "no C0 control reaches the screen");
      require(utf8 || b < 0x80, "ASCII screens get ASCII");
    }
  }
}

}  // namespace
}  // namespace talk::gateway

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  talk::gateway::check_channel(text);
  talk::gateway::check_names(text);
  talk::gateway::check_state(text);
  talk::gateway::check_translation(std::span(data, size));
  return 0;
}
