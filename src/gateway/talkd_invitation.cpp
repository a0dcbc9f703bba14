// TalkdInvitation: the requests, their answers and retransmissions.
#include "gateway/talkd_invitation.hpp"

#include <array>

#include "protocol/codec.hpp"
#include "protocol/constants.hpp"

namespace talk::gateway {
namespace {

constexpr std::chrono::milliseconds kResend{500};
constexpr int kMaxTries = 6;

}  // namespace

TalkdInvitation::TalkdInvitation(platform::Ipv4Endpoint talkd, std::string caller,
                                 std::string callee, proto::TalkAddr addr, std::int32_t pid)
    : talkd_(talkd),
      caller_(std::move(caller)),
      callee_(std::move(callee)),
      addr_(addr),
      pid_(pid) {}

std::error_code TalkdInvitation::open() {
  std::error_code ec;
  socket_ = platform::UdpSocket::open_bound({platform::kLoopbackAddress, 0}, ec);
  if (ec) return ec;
  if ((ec = socket_.connect(talkd_))) return ec;
  const platform::Ipv4Endpoint local = socket_.local_endpoint(ec);
  ctl_addr_ = proto::TalkAddr{proto::kAfInet, local.port, local.address, {}};
  return ec;
}

void TalkdInvitation::send(proto::RequestType type, Time now) {
  proto::CtlMessage msg;
  msg.type = type;
  msg.addr = addr_;
  msg.ctl_addr = ctl_addr_;
  msg.pid = pid_;
  msg.l_name = caller_;
  msg.r_name = callee_;
  msg.id_num = type == proto::RequestType::Announce && announced_once_ ? announce_id_ + 1 : 0;
  const auto bytes = proto::encode(msg);
  (void)socket_.send_to(bytes, talkd_);
  waiting_ = type;
  resend_at_ = now + kResend;
}

void TalkdInvitation::announce(Time now) {
  tries_ = 0;
  gave_up_ = false;
  send(invited_ ? proto::RequestType::Announce : proto::RequestType::LeaveInvite, now);
}

void TalkdInvitation::on_readable(Time now) {
  for (int round = 0; round < 8; ++round) {
    std::array<std::uint8_t, 64> buffer{};
    platform::ReceivedDatagram got;
    if (socket_.receive(buffer, got)) return;
    if (got.size != proto::kCtlResponseSize || !waiting_) continue;
    const auto decoded = proto::decode_ctl_response(std::span(buffer.data(), got.size));
    if (!decoded.message || decoded.message->type != *waiting_) continue;
    const proto::CtlResponse& r = *decoded.message;
    waiting_.reset();
    resend_at_.reset();
    if (r.type == proto::RequestType::LeaveInvite) {
      invited_ = true;
      invite_id_ = r.id_num;
      tries_ = 0;
      send(proto::RequestType::Announce, now);
    } else if (r.type == proto::RequestType::Announce) {
      announced_once_ = true;
      announce_id_ = r.id_num;
      announced_ = r.answer;
    }
  }
}

void TalkdInvitation::on_timer(Time now) {
  if (!waiting_ || !resend_at_ || now < *resend_at_) return;
  if (++tries_ >= kMaxTries) {
    waiting_.reset();
    resend_at_.reset();
    gave_up_ = true;
    return;
  }
  send(*waiting_, now);
}

std::vector<std::uint32_t> TalkdInvitation::outstanding() const {
  std::vector<std::uint32_t> ids;
  if (invited_) ids.push_back(invite_id_);
  if (announced_once_) ids.push_back(announce_id_);
  return ids;
}

void TalkdInvitation::withdraw() {
  for (const auto& [done, id] :
       {std::pair{invited_, invite_id_}, {announced_once_, announce_id_}}) {
    if (!done) continue;
    proto::CtlMessage msg;
    msg.type = proto::RequestType::Delete;
    msg.id_num = id;
    msg.ctl_addr = ctl_addr_;
    msg.addr = addr_;
    msg.pid = pid_;
    msg.l_name = caller_;
    msg.r_name = callee_;
    (void)socket_.send_to(proto::encode(msg), talkd_);
  }
  invited_ = false;
  announced_once_ = false;
  waiting_.reset();
  resend_at_.reset();
}

}  // namespace talk::gateway
