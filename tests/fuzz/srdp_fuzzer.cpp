// libFuzzer target: SRDP packets and utalk's talk layer. A decoded packet re-encodes to the same
// bytes; a decoded UTALK_DATA chunk is stable through encode and decode; a session fed the input
// never crashes and only ever sends well-formed SRDP.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "protocol/srdp.hpp"
#include "protocol/srdp_session.hpp"
#include "protocol/utalk_data.hpp"

namespace talk::proto::srdp {
namespace {

void require(bool condition, const char* what, std::size_t size) {
  if (condition) return;
  (void)std::fprintf(stderr, "srdp_fuzzer: property violated: %s (input of %zu bytes)\n", what,
                     size);
  std::abort();
}

void check_talk_layer(const Chunk& chunk, std::size_t size) {
  if (chunk.type == type::kUtalkData) {
    const auto data = utalk::decode_data(chunk);
    require(data.has_value() == (chunk.body.size() >= 4), "data iff line and column", size);
    if (!data) return;
    const auto again = utalk::decode_data(utalk::encode_data(*data));
    require(again.has_value() && *again == *data, "data not stable through encode", size);
  } else if (chunk.type == type::kUtalkTopic) {
    const auto topic = utalk::decode_topic(chunk);
    if (!topic) return;
    require(topic->size() <= chunk.body.size(), "topic longer than its chunk", size);
    require(utalk::decode_topic(utalk::encode_topic(*topic)).has_value(), "topic round trip", size);
  }
}

void check_session(std::span<const std::uint8_t> input) {
  const Time t0{};
  Session session(Settings{}, false, t0);
  session.send(utalk::encode_data({1, 1, {{utalk::DataOp::Kind::Text, "hello", 0, 0}}}), t0);
  // The input as one datagram, then cut in two at its first byte's value.
  session.on_datagram(input, t0 + std::chrono::seconds(1));
  if (!input.empty()) {
    const std::size_t cut = input[0] % input.size();
    session.on_datagram(input.first(cut), t0 + std::chrono::seconds(2));
    session.on_datagram(input.subspan(cut), t0 + std::chrono::seconds(6));
  }
  session.on_timer(t0 + std::chrono::seconds(20));
  for (const auto& datagram : session.take_datagrams()) {
    require(decode_packet(datagram).ok(), "session sent a malformed packet", input.size());
    require(datagram.size() <= kMaxDatagram, "session sent an oversized packet", input.size());
  }
  (void)session.take_chunks();
}

}  // namespace
}  // namespace talk::proto::srdp

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace talk::proto::srdp;
  const std::span<const std::uint8_t> input(data, size);
  const DecodedPacket packet = decode_packet(input);
  require(packet.ok() || packet.chunks.empty(), "chunks kept from a bad packet", size);
  require(!describe(packet.error).empty(), "error without a description", size);
  if (packet.ok()) {
    const auto bytes = encode_packet(packet.chunks);
    require(bytes.size() == size && std::equal(bytes.begin(), bytes.end(), input.begin()),
            "packet does not re-encode to its bytes", size);
    for (const Chunk& chunk : packet.chunks) check_talk_layer(chunk, size);
  }
  check_session(input);
  return 0;
}
