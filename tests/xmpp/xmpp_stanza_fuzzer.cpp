// libFuzzer target: stanza trees built from the input go through message, rtt, presence and
// disco parsing, a real-time-text decoder and the talk-screen conversion; the decoder's line
// must stay bounded and nothing that reaches a pane may hold a byte that steers the terminal.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "xmpp/rtt_decoder.hpp"
#include "xmpp/stanzas.hpp"
#include "xmpp/talk_text.hpp"
#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

constexpr std::array<std::string_view, 18> kNames{"message",
                                                  "body",
                                                  "rtt",
                                                  "t",
                                                  "e",
                                                  "w",
                                                  "composing",
                                                  "active",
                                                  "gone",
                                                  "error",
                                                  "presence",
                                                  "show",
                                                  "status",
                                                  "iq",
                                                  "query",
                                                  "feature",
                                                  "service-unavailable",
                                                  "x"};
constexpr std::array<std::string_view, 9> kKeys{"seq",  "event", "p",  "n", "type",
                                                "from", "var",   "id", "to"};
constexpr std::array<std::string_view, 4> kNamespaces{"", kRttNamespace, kChatStatesNamespace,
                                                      kDiscoInfoNamespace};

void require(bool condition, const char* what) {
  if (condition) return;
  (void)std::fprintf(stderr, "xmpp_stanza_fuzzer: property violated: %s\n", what);
  std::abort();
}

class Reader {
 public:
  explicit Reader(std::string_view input) : input_(input) {}
  bool done() const { return at_ >= input_.size(); }
  std::uint8_t byte() { return done() ? 0 : static_cast<std::uint8_t>(input_[at_++]); }
  std::string bytes() {
    std::size_t length = byte();
    if (length == 0xff) length = 70000;  // now and then, something huge
    std::string out(input_.substr(std::min(at_, input_.size()), length));
    at_ += out.size();
    if (length == 70000) out.resize(length, 'x');
    return out;
  }

 private:
  std::string_view input_;
  std::size_t at_ = 0;
};

// One stanza from the reader: a root element and a tree of operations on it.
Element read_stanza(Reader& in) {
  Element root;
  root.name = kNames[in.byte() % 3 == 0 ? 10 : 0];
  if (in.byte() % 4 == 0) root.name = "iq";
  Element* path[kMaxElementDepth] = {&root};
  std::size_t depth = 0;
  while (!in.done()) {
    const std::uint8_t op = in.byte();
    Element& here = *path[depth];
    switch (op % 5) {
      case 0:
        if (depth + 1 < kMaxElementDepth && here.children.size() < kMaxElementChildren) {
          const std::uint8_t pick = in.byte();
          path[++depth] = &here.add_child(std::string(kNames[pick % kNames.size()]),
                                          std::string(kNamespaces[(pick / 32) % 4]));
        }
        break;
      case 1: {
        const std::uint8_t key = in.byte();
        here.set_attribute(std::string(kKeys[key % kKeys.size()]), in.bytes());
        break;
      }
      case 2:
        here.text += in.bytes();
        break;
      case 3:
        if (depth > 0) --depth;
        break;
      default:
        return root;
    }
  }
  return root;
}

void check_talk_bytes(std::string_view bytes, std::uint8_t erase) {
  for (const char c : bytes) {
    const auto b = static_cast<std::uint8_t>(c);
    require(b == erase || b == '\n' || (b >= 0x20 && b != 0x7f), "control byte for the pane");
  }
  require(encode_utf8(decode_utf8(bytes)) == bytes || erase >= 0x80, "invalid UTF-8 for the pane");
}

}  // namespace
}  // namespace talk::xmpp

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace talk::xmpp;
  Reader in(std::string_view(reinterpret_cast<const char*>(data), size));
  RttDecoder decoder;
  std::u32string shown;
  while (!in.done()) {
    const Element stanza = read_stanza(in);
    (void)parse_presence(stanza);
    if (is_disco_info_query(stanza)) (void)build_disco_info_result(stanza);
    if (const auto features = parse_disco_info_result(stanza))
      require(features->size() <= 256, "features");
    const auto message = parse_message(stanza);
    if (!message) continue;
    if (message->body) require(message->body->size() <= kMaxBodyBytes, "body bounded");
    if (message->rtt) {
      require(message->rtt->actions.size() <= kMaxRttActions, "actions bounded");
      require(parse_rtt(build_rtt(*message->rtt)) == message->rtt, "rtt round trip");
      decoder.apply(*message->rtt);
      require(decoder.line().size() <= kMaxRttLine, "line bounded");
      const std::u32string wanted = displayable(decoder.line());
      check_talk_bytes(talk_bytes_for_change(shown, wanted, 0x7f), 0x7f);
      shown = wanted;
    }
    if (message->body) {
      decoder.commit(*message->body);
      check_talk_bytes(talk_bytes_for_message(*message->body), 0x7f);
      shown.clear();
    }
  }
  return 0;
}
