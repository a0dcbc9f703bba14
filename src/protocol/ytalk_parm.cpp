// The ytalk parameter block (y_parm) read and written at explicit offsets.
#include "protocol/ytalk.hpp"
#include "wire_bytes.hpp"

namespace talk::proto::ytalk {

ParmDecoded decode_parm(Bytes block) {
  ParmDecoded decoded;
  if (block.size() != kParmSize) {
    decoded.error = ParmError::WrongLength;
    return decoded;
  }
  Parm parm;
  parm.w_rows = block[0];
  parm.w_cols = block[1];
  parm.protocol = block[2];
  parm.pad1 = block[3];
  parm.vmajor = wire::get_u16(block, 4);
  parm.vminor = wire::get_u16(block, 6);
  parm.rows = wire::get_u16(block, 8);
  parm.cols = wire::get_u16(block, 10);
  parm.my_rows = wire::get_u16(block, 12);
  parm.my_cols = wire::get_u16(block, 14);
  parm.pid = wire::get_u32(block, 16);
  for (std::size_t i = 0; i < parm.pad.size(); ++i) parm.pad[i] = block[20 + i];
  if (parm.protocol != kProtocolNew && parm.protocol != kProtocolOld) {
    decoded.error = ParmError::UnsupportedProtocol;
  }
  decoded.parm = parm;
  return decoded;
}

std::array<std::uint8_t, kParmSize> encode(const Parm& parm) {
  std::array<std::uint8_t, kParmSize> block{};
  block[0] = parm.w_rows;
  block[1] = parm.w_cols;
  block[2] = parm.protocol;
  block[3] = parm.pad1;
  wire::put_u16(block, 4, parm.vmajor);
  wire::put_u16(block, 6, parm.vminor);
  wire::put_u16(block, 8, parm.rows);
  wire::put_u16(block, 10, parm.cols);
  wire::put_u16(block, 12, parm.my_rows);
  wire::put_u16(block, 14, parm.my_cols);
  wire::put_u32(block, 16, parm.pid);
  for (std::size_t i = 0; i < parm.pad.size(); ++i) block[20 + i] = parm.pad[i];
  return block;
}

bool speaks_oob(const Parm& parm) {
  return parm.protocol == kProtocolNew && parm.vmajor > 2;
}

bool wants_crlf(const Parm& parm) {
  if (parm.protocol != kProtocolNew) return false;
  return parm.vmajor > 3 || (parm.vmajor == 3 && parm.vminor >= 2);
}

}  // namespace talk::proto::ytalk
