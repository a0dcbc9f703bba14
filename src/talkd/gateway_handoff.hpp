// Hands a call to a callee name that is no local user to the talk-XMPP gateway, over its
// local channel, and learns whether the gateway took it.
#pragma once

#include <chrono>
#include <string>

#include "protocol/gateway_channel.hpp"

namespace talk::talkd {

class GatewayHandoff {
 public:
  virtual ~GatewayHandoff() = default;
  /// True when the gateway knows `ring.callee` as one of `ring.caller`'s XMPP contacts and rings
  /// them; false when it does not, or no gateway answers.
  virtual bool offer(const proto::GatewayMessage& ring) = 0;
  /// The caller withdrew the call (DELETE): the gateway stops ringing. No answer is awaited.
  virtual void cancel(const proto::GatewayMessage& cancel) = 0;
};

/// The real channel: a unix seqpacket socket at `path`, one question per call, an answer
/// awaited for at most `timeout` (the gateway answers from its own poll loop at once).
class ChannelHandoff final : public GatewayHandoff {
 public:
  ChannelHandoff(std::string path, std::chrono::milliseconds timeout)
      : path_(std::move(path)), timeout_(timeout) {}
  bool offer(const proto::GatewayMessage& ring) override;
  void cancel(const proto::GatewayMessage& cancel) override;

 private:
  std::string path_;
  std::chrono::milliseconds timeout_;
};

}  // namespace talk::talkd
