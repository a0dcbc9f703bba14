// Conversions between the ntalk and otalk message values (the daemon serves both from one table).
#include "protocol/messages.hpp"

namespace talk::proto {
namespace {

std::string cut(const std::string& text, std::size_t size) {
  return text.size() < size ? text : text.substr(0, size - 1);
}

}  // namespace

CtlMessage to_ctl_message(const OtalkMessage& otalk) {
  CtlMessage msg;
  msg.version = kTalkVersion;
  msg.type = otalk.type;
  msg.id_num = otalk.id_num;
  msg.addr = otalk.addr;
  msg.ctl_addr = otalk.ctl_addr;
  msg.pid = otalk.pid;
  msg.l_name = otalk.l_name;
  msg.r_name = otalk.r_name;
  msg.r_tty = otalk.r_tty;
  return msg;
}

OtalkMessage to_otalk_message(const CtlMessage& msg) {
  OtalkMessage otalk;
  otalk.type = msg.type;
  otalk.l_name = cut(msg.l_name, kOtalkNameSize);
  otalk.r_name = cut(msg.r_name, kOtalkNameSize);
  otalk.id_num = msg.id_num;
  otalk.pid = msg.pid;
  otalk.r_tty = cut(msg.r_tty, kTtySize);
  otalk.addr = msg.addr;
  otalk.ctl_addr = msg.ctl_addr;
  otalk.order = ByteOrder::Big;
  return otalk;
}

OtalkResponse to_otalk_response(const CtlResponse& response) {
  OtalkResponse otalk;
  otalk.type = response.type;
  otalk.answer =
      static_cast<std::uint8_t>(response.answer) <= static_cast<std::uint8_t>(kLastOtalkAnswer)
          ? response.answer
          : Answer::Failed;
  otalk.id_num = response.id_num;
  otalk.addr = response.addr;
  otalk.order = ByteOrder::Big;
  return otalk;
}

CtlResponse to_ctl_response(const OtalkResponse& response) {
  CtlResponse ctl;
  ctl.version = kTalkVersion;
  ctl.type = response.type;
  ctl.answer = response.answer;
  ctl.id_num = response.id_num;
  ctl.addr = response.addr;
  return ctl;
}

}  // namespace talk::proto
