// libFuzzer target for the ytalk stream parser: deframing is independent of how reads split
// the stream, escaped text comes back unchanged, and every decoded packet or parameter block
// survives encode -> decode.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "protocol/ytalk.hpp"
#include "protocol/ytalk_stream.hpp"

namespace talk::proto::ytalk {
namespace {

using Wire = std::vector<std::uint8_t>;

void require(bool condition, const char* what, Bytes input) {
  if (condition) return;
  (void)std::fprintf(stderr, "ytalk_fuzzer: property violated: %s (input of %zu bytes)\n", what,
                     input.size());
  std::abort();
}

/// Adjacent text items merged, so item lists from different read splits compare equal.
std::vector<StreamItem> merged(const std::vector<StreamItem>& items) {
  std::vector<StreamItem> out;
  for (const StreamItem& item : items) {
    if (!out.empty() && item.kind == StreamItem::Kind::Text &&
        out.back().kind == StreamItem::Kind::Text) {
      out.back().bytes.insert(out.back().bytes.end(), item.bytes.begin(), item.bytes.end());
    } else {
      out.push_back(item);
    }
  }
  return out;
}

void check_packet(const StreamItem& item, Bytes input) {
  require(item.bytes.size() <= kMaxPacket, "packet longer than the length byte allows", input);
  const OobDecoded decoded = decode_oob(item.bytes);
  require(decoded.ok() == decoded.message.has_value(), "error and message disagree", input);
  if (!decoded.ok()) return;
  const Wire payload = encode_payload(*decoded.message);
  const OobDecoded again = decode_oob(payload);
  require(again.ok() && *again.message == *decoded.message, "packet round trip", input);
  const Wire framed = frame(*decoded.message);
  require(framed.size() == payload.size() + 2 && framed[0] == kOobMarker, "framing", input);
}

void check_stream(Bytes input) {
  OobDeframer whole;
  std::vector<StreamItem> at_once;
  whole.feed(input, at_once);

  // the same stream in reads split after every 1..7 bytes (chosen by the first byte)
  const std::size_t step = input.empty() ? 1 : 1 + input[0] % 7;
  OobDeframer pieces;
  std::vector<StreamItem> in_pieces;
  for (std::size_t at = 0; at < input.size(); at += step) {
    const std::size_t n = input.size() - at < step ? input.size() - at : step;
    pieces.feed(input.subspan(at, n), in_pieces);
  }
  require(merged(at_once) == merged(in_pieces), "result depends on read boundaries", input);
  require(whole.pending() == pieces.pending(), "pending depends on read boundaries", input);

  for (const StreamItem& item : at_once) {
    if (item.kind == StreamItem::Kind::Packet) {
      check_packet(item, input);
      continue;
    }
    const Wire escaped = escape_text(item.bytes);
    OobDeframer reader;
    std::vector<StreamItem> back;
    reader.feed(escaped, back);
    require(!reader.pending() && merged(back).size() == 1 && back[0].bytes == item.bytes,
            "escaped text does not come back unchanged", input);
  }
}

void check_blocks(Bytes input) {
  if (input.size() >= kParmSize) {
    const Bytes block = input.first(kParmSize);
    const ParmDecoded parm = decode_parm(block);
    require(parm.parm.has_value(), "a 64-byte block always decodes", input);
    const auto bytes = encode(*parm.parm);
    require(Wire(bytes.begin(), bytes.end()) == Wire(block.begin(), block.end()),
            "parameter block round trip", input);
  }
  if (input.size() >= kV2PackSize) {
    const auto pack = decode_v2_pack(input.first(kV2PackSize));
    require(pack.has_value(), "a 78-byte V2 packet always decodes", input);
    const auto bytes = encode(*pack);
    require(decode_v2_pack(bytes) == pack, "V2 packet round trip", input);
  }
}

}  // namespace
}  // namespace talk::proto::ytalk

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const talk::proto::ytalk::Bytes input(data, size);
  talk::proto::ytalk::check_stream(input);
  talk::proto::ytalk::check_blocks(input);
  return 0;
}
