// ytalk out-of-band messages (Import/Export/Accept, flags, window sizes) and the V2 packet.
#include "protocol/ytalk.hpp"
#include "wire_bytes.hpp"

namespace talk::proto::ytalk {
namespace {

/// A strncpy'd field: the bytes before the first NUL, all of them when there is none.
std::string get_text(Bytes b, std::size_t at, std::size_t size) {
  std::size_t length = 0;
  while (length < size && b[at + length] != 0) ++length;
  return {reinterpret_cast<const char*>(b.data() + at), length};
}

/// strncpy: the text cut to `size`, then zeros.
void put_text(std::span<std::uint8_t> b, std::size_t at, std::size_t size,
              const std::string& text) {
  for (std::size_t i = 0; i < size; ++i) {
    b[at + i] = i < text.size() ? static_cast<std::uint8_t>(text[i]) : 0;
  }
}

std::array<std::uint8_t, 3> get_filler(Bytes b) {
  return {b[1], b[2], b[3]};
}

void put_head(std::span<std::uint8_t> b, Code code, const std::array<std::uint8_t, 3>& filler) {
  b[0] = static_cast<std::uint8_t>(code);
  for (std::size_t i = 0; i < filler.size(); ++i) b[1 + i] = filler[i];
}

OobDecoded wrong_length() {
  return OobDecoded{std::nullopt, OobError::WrongLength};
}

struct PayloadWriter {
  std::vector<std::uint8_t> operator()(const Pack& p) const {
    std::vector<std::uint8_t> b(kPackSize);
    put_head(b, p.code, p.filler);
    for (std::size_t i = 0; i < 4; ++i) b[4 + i] = p.host_addr[i];
    wire::put_u32(b, 8, p.pid);
    put_text(b, 12, kNameSize, p.name);
    put_text(b, 28, kHostSize, p.host);
    return b;
  }
  std::vector<std::uint8_t> operator()(const Flags& f) const {
    std::vector<std::uint8_t> b(kFlagsSize);
    put_head(b, f.code, f.filler);
    wire::put_u32(b, 4, f.flags);
    return b;
  }
  std::vector<std::uint8_t> operator()(const Winch& w) const {
    std::vector<std::uint8_t> b(kWinchSize);
    put_head(b, w.code, w.filler);
    wire::put_u16(b, 4, w.rows);
    wire::put_u16(b, 6, w.cols);
    return b;
  }
  std::vector<std::uint8_t> operator()(const UnknownPacket& u) const { return u.payload; }
};

}  // namespace

OobDecoded decode_oob(Bytes payload) {
  if (payload.empty()) return OobDecoded{std::nullopt, OobError::Empty};
  const auto code = static_cast<Code>(payload[0]);
  switch (code) {
    case Code::Export:
    case Code::Import:
    case Code::Accept: {
      if (payload.size() != kPackSize) return wrong_length();
      Pack p;
      p.code = code;
      p.filler = get_filler(payload);
      for (std::size_t i = 0; i < 4; ++i) p.host_addr[i] = payload[4 + i];
      p.pid = wire::get_u32(payload, 8);
      p.name = get_text(payload, 12, kNameSize);
      p.host = get_text(payload, 28, kHostSize);
      return OobDecoded{p, OobError::None};
    }
    case Code::LockFlags:
    case Code::UnlockFlags: {
      if (payload.size() != kFlagsSize) return wrong_length();
      return OobDecoded{Flags{code, get_filler(payload), wire::get_u32(payload, 4)},
                        OobError::None};
    }
    case Code::YourWindow:
    case Code::MyWindow:
    case Code::Region: {
      if (payload.size() != kWinchSize) return wrong_length();
      return OobDecoded{
          Winch{code, get_filler(payload), wire::get_u16(payload, 4), wire::get_u16(payload, 6)},
          OobError::None};
    }
  }
  return OobDecoded{UnknownPacket{{payload.begin(), payload.end()}}, OobError::None};
}

std::vector<std::uint8_t> encode_payload(const OobMessage& message) {
  return std::visit(PayloadWriter{}, message);
}

std::vector<std::uint8_t> frame(const OobMessage& message) {
  const std::vector<std::uint8_t> payload = encode_payload(message);
  const std::size_t length = payload.size() < kMaxPacket ? payload.size() : kMaxPacket;
  std::vector<std::uint8_t> framed(2 + length);
  framed[0] = kOobMarker;
  framed[1] = static_cast<std::uint8_t>(length);
  for (std::size_t i = 0; i < length; ++i) framed[2 + i] = payload[i];
  return framed;
}

std::array<std::uint8_t, 4> reversed_octets(const std::array<std::uint8_t, 4>& octets) {
  return {octets[3], octets[2], octets[1], octets[0]};
}

std::optional<V2Pack> decode_v2_pack(Bytes packet) {
  if (packet.size() != kV2PackSize) return std::nullopt;
  return V2Pack{packet[0], packet[1], get_text(packet, 2, kV2NameSize),
                get_text(packet, 14, kV2HostSize)};
}

std::array<std::uint8_t, kV2PackSize> encode(const V2Pack& pack) {
  std::array<std::uint8_t, kV2PackSize> b{};
  b[0] = pack.code;
  b[1] = pack.filler;
  put_text(b, 2, kV2NameSize, pack.name);
  put_text(b, 14, kV2HostSize, pack.host);
  return b;
}

}  // namespace talk::proto::ytalk
