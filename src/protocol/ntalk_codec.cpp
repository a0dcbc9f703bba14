// Encoding and decoding of the ntalk CTL_MSG (84 bytes) and CTL_RESPONSE (24 bytes).
#include "protocol/codec.hpp"
#include "wire_bytes.hpp"

namespace talk::proto {
namespace {

// CTL_MSG offsets.
constexpr std::size_t kVers = 0, kType = 1, kAnswer = 2, kPad = 3, kId = 4, kAddr = 8,
                      kCtlAddr = 24, kPid = 40, kLName = 44, kRName = 56, kRTty = 68;
// CTL_RESPONSE offsets.
constexpr std::size_t kRespVers = 0, kRespType = 1, kRespAnswer = 2, kRespPad = 3, kRespId = 4,
                      kRespAddr = 8;

}  // namespace

Decoded<CtlMessage> decode_ctl_message(Bytes datagram) {
  const Bytes b = datagram;
  Decoded<CtlMessage> result;
  if (b.size() != kCtlMsgSize) {
    result.error = DecodeError::WrongLength;
    return result;
  }
  CtlMessage msg;
  msg.version = b[kVers];
  msg.type = static_cast<RequestType>(b[kType]);
  msg.answer = b[kAnswer];
  msg.pad = b[kPad];
  msg.id_num = wire::get_u32(b, kId);
  msg.addr = wire::get_addr(b, kAddr);
  msg.ctl_addr = wire::get_addr(b, kCtlAddr);
  msg.pid = static_cast<std::int32_t>(wire::get_u32(b, kPid));
  const wire::FieldRead l_name = wire::get_field(b, kLName, kNameSize);
  const wire::FieldRead r_name = wire::get_field(b, kRName, kNameSize);
  const wire::FieldRead r_tty = wire::get_field(b, kRTty, kTtySize);
  msg.l_name = l_name.text;
  msg.r_name = r_name.text;
  msg.r_tty = r_tty.text;

  if (msg.version != kTalkVersion) {
    result.error = DecodeError::BadVersion;
  } else if (msg.addr.family != kAfInet) {
    result.error = DecodeError::BadAddrFamily;
  } else if (msg.ctl_addr.family != kAfInet) {
    result.error = DecodeError::BadCtlAddrFamily;
  } else if (!is_known_request_type(b[kType])) {
    result.error = DecodeError::UnknownType;
  } else {
    result.error = wire::check_names(l_name, r_name, r_tty);
  }
  result.message = std::move(msg);
  return result;
}

Decoded<CtlResponse> decode_ctl_response(Bytes datagram) {
  const Bytes b = datagram;
  Decoded<CtlResponse> result;
  if (b.size() != kCtlResponseSize) {
    result.error = DecodeError::WrongLength;
    return result;
  }
  CtlResponse response;
  response.version = b[kRespVers];
  response.type = static_cast<RequestType>(b[kRespType]);
  response.answer = static_cast<Answer>(b[kRespAnswer]);
  response.pad = b[kRespPad];
  response.id_num = wire::get_u32(b, kRespId);
  response.addr = wire::get_addr(b, kRespAddr);
  if (response.version != kTalkVersion) {
    result.error = DecodeError::BadVersion;
  } else if (!is_known_request_type(b[kRespType])) {
    result.error = DecodeError::UnknownType;
  }
  result.message = response;
  return result;
}

std::array<std::uint8_t, kCtlMsgSize> encode(const CtlMessage& msg) {
  std::array<std::uint8_t, kCtlMsgSize> out{};
  out[kVers] = msg.version;
  out[kType] = static_cast<std::uint8_t>(msg.type);
  out[kAnswer] = msg.answer;
  out[kPad] = msg.pad;
  wire::put_u32(out, kId, msg.id_num);
  wire::put_addr(out, kAddr, msg.addr);
  wire::put_addr(out, kCtlAddr, msg.ctl_addr);
  wire::put_u32(out, kPid, static_cast<std::uint32_t>(msg.pid));
  wire::put_field(out, kLName, kNameSize, msg.l_name);
  wire::put_field(out, kRName, kNameSize, msg.r_name);
  wire::put_field(out, kRTty, kTtySize, msg.r_tty);
  return out;
}

std::array<std::uint8_t, kCtlResponseSize> encode(const CtlResponse& response) {
  std::array<std::uint8_t, kCtlResponseSize> out{};
  out[kRespVers] = response.version;
  out[kRespType] = static_cast<std::uint8_t>(response.type);
  out[kRespAnswer] = static_cast<std::uint8_t>(response.answer);
  out[kRespPad] = response.pad;
  wire::put_u32(out, kRespId, response.id_num);
  wire::put_addr(out, kRespAddr, response.addr);
  return out;
}

}  // namespace talk::proto
