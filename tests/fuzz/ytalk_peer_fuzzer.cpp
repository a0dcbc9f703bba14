// libFuzzer target: a ytalk-speaking peer's stream as talk reads it (edit characters, parameter
// block, text with out-of-band packets), split into reads at the input's own choosing. It never
// crashes, never grows our outbound beyond the block and the packets we queue, and every pane
// row it shows is free of terminal controls.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "talk/ytalk_stream.hpp"

namespace talk::client {
namespace {

void require(bool condition, const char* what, std::size_t size) {
  if (condition) return;
  (void)std::fprintf(stderr, "ytalk_peer_fuzzer: property violated: %s (input of %zu bytes)\n",
                     what, size);
  std::abort();
}

}  // namespace
}  // namespace talk::client

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace talk::client;
  if (size == 0) return 0;
  // The first byte picks the read size (1..64), so splits land everywhere.
  const std::size_t step = (data[0] & 0x3fu) + 1;
  std::span<const std::uint8_t> rest(data + 1, size - 1);
  talk::client::Pane pane(64);
  YtalkStream stream(pane, true, EditChars{}, our_parm(1, 24, 80, 11, 80));
  while (!rest.empty() && !stream.refused()) {
    const std::size_t take = rest.size() < step ? rest.size() : step;
    (void)stream.on_received(rest.first(take));
    rest = rest.subspan(take);
    (void)stream.take_packs();
  }
  require(stream.outbound().size() <= 3 + talk::proto::ytalk::kParmSize, "outbound bounded", size);
  int row = 0;
  int col = 0;
  for (const auto& line : pane.visible_rows(80, 24, row, col)) {
    for (const char c : line.text) {
      const auto byte = static_cast<std::uint8_t>(c);
      require(byte >= 0x20 && byte != 0x7f, "no control byte on screen", size);
    }
  }
  return 0;
}
