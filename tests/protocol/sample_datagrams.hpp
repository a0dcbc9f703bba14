// Canonical sample datagrams of each layout, laid out by hand from the protocol tables, with
// a distinct value in every field so that a field read at the wrong offset or order shows.
#pragma once

#include "protocol/messages.hpp"
#include "wire_bytes.hpp"

namespace talk::proto::testing {

inline constexpr std::uint32_t kSampleId = 0x01020304;
inline constexpr std::int32_t kSamplePid = 0x0a0b0c0d;
inline constexpr std::uint16_t kSampleAddrPort = 0x1234;
inline constexpr std::uint32_t kSampleAddrIp = 0xc0a80a14;  // 192.168.10.20
inline constexpr std::uint16_t kSampleCtlPort = 0x5678;
inline constexpr std::uint32_t kSampleCtlIp = 0x7f000001;  // 127.0.0.1

/// ntalk CTL_MSG, 84 bytes: an ANNOUNCE from alice to bob on pts/7.
inline Wire sample_ctl_message_wire() {
  Wire w(84, 0xee);
  put8(w, 0, 1);  // vers
  put8(w, 1, 3);  // type ANNOUNCE
  put8(w, 2, 0);  // answer
  put8(w, 3, 0);  // pad
  put_be32(w, 4, kSampleId);
  put_addr(w, 8, 2, kSampleAddrPort, kSampleAddrIp);
  put_addr(w, 24, 2, kSampleCtlPort, kSampleCtlIp);
  put_be32(w, 40, static_cast<std::uint32_t>(kSamplePid));
  put_text(w, 44, 12, "alice");
  put_text(w, 56, 12, "bob");
  put_text(w, 68, 16, "pts/7");
  return w;
}

inline CtlMessage sample_ctl_message() {
  CtlMessage m;
  m.version = 1;
  m.type = RequestType::Announce;
  m.answer = 0;
  m.pad = 0;
  m.id_num = kSampleId;
  m.addr = make_inet_addr(kSampleAddrIp, kSampleAddrPort);
  m.ctl_addr = make_inet_addr(kSampleCtlIp, kSampleCtlPort);
  m.pid = kSamplePid;
  m.l_name = "alice";
  m.r_name = "bob";
  m.r_tty = "pts/7";
  return m;
}

/// ntalk CTL_RESPONSE, 24 bytes: LOOK_UP answered SUCCESS with the caller's address.
inline Wire sample_ctl_response_wire() {
  Wire w(24, 0xee);
  put8(w, 0, 1);  // vers
  put8(w, 1, 1);  // type LOOK_UP
  put8(w, 2, 0);  // answer SUCCESS
  put8(w, 3, 0);  // pad
  put_be32(w, 4, kSampleId);
  put_addr(w, 8, 2, kSampleAddrPort, kSampleAddrIp);
  return w;
}

inline CtlResponse sample_ctl_response() {
  CtlResponse r;
  r.version = 1;
  r.type = RequestType::LookUp;
  r.answer = Answer::Success;
  r.pad = 0;
  r.id_num = kSampleId;
  r.addr = make_inet_addr(kSampleAddrIp, kSampleAddrPort);
  return r;
}

/// otalk OCTL_MSG, 76 bytes, network order (as ytalk writes it): a LEAVE_INVITE.
inline Wire sample_otalk_message_wire() {
  Wire w(76, 0xee);
  put8(w, 0, 0);  // type LEAVE_INVITE
  put_text(w, 1, 9, "carol");
  put_text(w, 10, 9, "dave");
  put8(w, 19, 0);  // filler
  put_be32(w, 20, kSampleId);
  put_be32(w, 24, static_cast<std::uint32_t>(kSamplePid));
  put_text(w, 28, 16, "tty3");
  put_addr(w, 44, 2, kSampleAddrPort, kSampleAddrIp);
  put_addr(w, 60, 2, kSampleCtlPort, kSampleCtlIp);
  return w;
}

/// The same message as a little-endian host (Solaris/x86, 4.2BSD on a VAX) writes it: family,
/// id and pid in host order; port and address still in network order.
inline Wire sample_otalk_message_wire_little() {
  Wire w = sample_otalk_message_wire();
  put_le32(w, 20, kSampleId);
  put_le32(w, 24, static_cast<std::uint32_t>(kSamplePid));
  put_le16(w, 44, 2);
  put_le16(w, 60, 2);
  return w;
}

inline OtalkMessage sample_otalk_message() {
  OtalkMessage m;
  m.type = RequestType::LeaveInvite;
  m.l_name = "carol";
  m.r_name = "dave";
  m.filler = 0;
  m.id_num = kSampleId;
  m.pid = kSamplePid;
  m.r_tty = "tty3";
  m.addr = make_inet_addr(kSampleAddrIp, kSampleAddrPort);
  m.ctl_addr = make_inet_addr(kSampleCtlIp, kSampleCtlPort);
  m.order = ByteOrder::Big;
  return m;
}

/// otalk OCTL_RESPONSE, 24 bytes, network order: LOOK_UP answered SUCCESS.
inline Wire sample_otalk_response_wire() {
  Wire w(24, 0xee);
  put8(w, 0, 1);  // type LOOK_UP
  put8(w, 1, 0);  // answer SUCCESS
  put8(w, 2, 0);  // filler
  put8(w, 3, 0);
  put_be32(w, 4, kSampleId);
  put_addr(w, 8, 2, kSampleAddrPort, kSampleAddrIp);
  return w;
}

inline Wire sample_otalk_response_wire_little() {
  Wire w = sample_otalk_response_wire();
  put_le32(w, 4, kSampleId);
  put_le16(w, 8, 2);
  return w;
}

inline OtalkResponse sample_otalk_response() {
  OtalkResponse r;
  r.type = RequestType::LookUp;
  r.answer = Answer::Success;
  r.id_num = kSampleId;
  r.addr = make_inet_addr(kSampleAddrIp, kSampleAddrPort);
  r.order = ByteOrder::Big;
  return r;
}

}  // namespace talk::proto::testing
