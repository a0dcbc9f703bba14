// A talk TCP stream that speaks ytalk 3.x to a peer that does (a conference member): the
// YtalkStream model over a non-blocking socket. Plain talk peers get plain talk from it.
#pragma once

#include <system_error>
#include <vector>

#include "platform/tcp_socket.hpp"
#include "talk/peer_link.hpp"
#include "talk/talk_stream_link.hpp"
#include "talk/ytalk_stream.hpp"

namespace talk::client {

class YtalkLink final : public StreamLink<YtalkStream> {
 public:
  /// `stream` is connected; it is made non-blocking with Nagle off (`ec` on failure).
  YtalkLink(platform::TcpStream stream, PeerView& view, bool utf8, const EditChars& mine,
            const proto::ytalk::Parm& parm, std::error_code& ec);

  /// Sends an out-of-band message (only to a ytalk 3.x peer).
  void send_packet(const proto::ytalk::OobMessage& message);
  /// The peer's Import/Export/Accept packets since the last call.
  std::vector<proto::ytalk::Pack> take_packs() { return model_.take_packs(); }

 private:
  void after_read() override;
};

}  // namespace talk::client
