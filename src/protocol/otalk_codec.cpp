// Encoding and decoding of the old talk protocol: OCTL_MSG (76 bytes) and OCTL_RESPONSE (24).
#include "protocol/codec.hpp"
#include "wire_bytes.hpp"

namespace talk::proto {
namespace {

// OCTL_MSG offsets.
constexpr std::size_t kType = 0, kLName = 1, kRName = 10, kFiller = 19, kId = 20, kPid = 24,
                      kRTty = 28, kAddr = 44, kCtlAddr = 60;
// OCTL_RESPONSE offsets.
constexpr std::size_t kRespType = 0, kRespAnswer = 1, kRespFiller = 2, kRespId = 4, kRespAddr = 8;

// The byte order of a family field: 00 02 is big-endian, 02 00 little-endian.
std::optional<ByteOrder> family_order(Bytes b, std::size_t at) {
  if (b[at] == 0 && b[at + 1] == kAfInet) return ByteOrder::Big;
  if (b[at] == kAfInet && b[at + 1] == 0) return ByteOrder::Little;
  return std::nullopt;
}

}  // namespace

Decoded<OtalkMessage> decode_otalk_message(Bytes datagram) {
  const Bytes b = datagram;
  Decoded<OtalkMessage> result;
  if (b.size() != kOctlMsgSize) {
    result.error = DecodeError::WrongLength;
    return result;
  }
  const std::optional<ByteOrder> ctl_order = family_order(b, kCtlAddr);
  const std::optional<ByteOrder> addr_order = family_order(b, kAddr);
  const bool addr_unset = b[kAddr] == 0 && b[kAddr + 1] == 0;
  const ByteOrder order = ctl_order.value_or(ByteOrder::Big);

  OtalkMessage msg;
  msg.type = static_cast<RequestType>(b[kType]);
  const wire::FieldRead l_name = wire::get_field(b, kLName, kOtalkNameSize);
  const wire::FieldRead r_name = wire::get_field(b, kRName, kOtalkNameSize);
  const wire::FieldRead r_tty = wire::get_field(b, kRTty, kTtySize);
  msg.l_name = l_name.text;
  msg.r_name = r_name.text;
  msg.filler = b[kFiller];
  msg.id_num = wire::get_u32(b, kId, order);
  msg.pid = static_cast<std::int32_t>(wire::get_u32(b, kPid, order));
  msg.r_tty = r_tty.text;
  msg.addr = wire::get_addr(b, kAddr, addr_order.value_or(order));
  msg.ctl_addr = wire::get_addr(b, kCtlAddr, order);
  msg.order = order;

  if (!addr_order && !addr_unset) {
    result.error = DecodeError::BadAddrFamily;
  } else if (!ctl_order) {
    result.error = DecodeError::BadCtlAddrFamily;
  } else if (!is_known_request_type(b[kType])) {
    result.error = DecodeError::UnknownType;
  } else {
    result.error = wire::check_names(l_name, r_name, r_tty);
  }
  result.message = std::move(msg);
  return result;
}

Decoded<OtalkResponse> decode_otalk_response(Bytes datagram) {
  const Bytes b = datagram;
  Decoded<OtalkResponse> result;
  if (b.size() != kOctlResponseSize) {
    result.error = DecodeError::WrongLength;
    return result;
  }
  const ByteOrder order = family_order(b, kRespAddr).value_or(ByteOrder::Big);
  OtalkResponse response;
  response.type = static_cast<RequestType>(b[kRespType]);
  response.answer = static_cast<Answer>(b[kRespAnswer]);
  response.id_num = wire::get_u32(b, kRespId, order);
  response.addr = wire::get_addr(b, kRespAddr, order);
  response.order = order;
  if (!is_known_request_type(b[kRespType])) result.error = DecodeError::UnknownType;
  result.message = response;
  return result;
}

std::array<std::uint8_t, kOctlMsgSize> encode(const OtalkMessage& msg) {
  std::array<std::uint8_t, kOctlMsgSize> out{};
  out[kType] = static_cast<std::uint8_t>(msg.type);
  wire::put_field(out, kLName, kOtalkNameSize, msg.l_name);
  wire::put_field(out, kRName, kOtalkNameSize, msg.r_name);
  out[kFiller] = msg.filler;
  wire::put_u32(out, kId, msg.id_num);
  wire::put_u32(out, kPid, static_cast<std::uint32_t>(msg.pid));
  wire::put_field(out, kRTty, kTtySize, msg.r_tty);
  wire::put_addr(out, kAddr, msg.addr);
  wire::put_addr(out, kCtlAddr, msg.ctl_addr);
  return out;
}

std::array<std::uint8_t, kOctlResponseSize> encode(const OtalkResponse& response) {
  std::array<std::uint8_t, kOctlResponseSize> out{};
  out[kRespType] = static_cast<std::uint8_t>(response.type);
  out[kRespAnswer] = static_cast<std::uint8_t>(response.answer);
  out[kRespFiller] = 0;
  out[kRespFiller + 1] = 0;
  wire::put_u32(out, kRespId, response.id_num);
  wire::put_addr(out, kRespAddr, response.addr);
  return out;
}

}  // namespace talk::proto
