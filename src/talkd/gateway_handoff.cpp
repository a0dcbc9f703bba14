// ChannelHandoff: one RING over the local channel, OK or anything else back.
#include "talkd/gateway_handoff.hpp"

#include "platform/local_channel.hpp"

namespace talk::talkd {

bool ChannelHandoff::offer(const proto::GatewayMessage& ring) {
  if (path_.empty()) return false;
  const auto answer = platform::local_request(path_, proto::encode_gateway_message(ring), timeout_);
  if (!answer) return false;
  const auto message = proto::parse_gateway_message(*answer);
  return message && message->verb == proto::GatewayVerb::Ok;
}

void ChannelHandoff::cancel(const proto::GatewayMessage& cancel) {
  if (path_.empty()) return;
  (void)platform::local_request(path_, proto::encode_gateway_message(cancel),
                                std::chrono::milliseconds(0));
}

}  // namespace talk::talkd
