// TestDaemon: the in-process ntalk responder used by the talk integration tests.
#include "talk/test_daemon.hpp"

#include <poll.h>

#include <algorithm>
#include <array>

#include "protocol/codec.hpp"

namespace talk::testing {

TestDaemon::TestDaemon(int drop_every, bool otalk, double loss, unsigned seed)
    : drop_every_(drop_every), otalk_(otalk), loss_(loss), random_(seed) {
  std::error_code ec;
  socket_ = platform::UdpSocket::open_bound({platform::kLoopbackAddress, 0}, ec);
  if (!ec) port_ = socket_.local_port(ec);
  thread_ = std::thread([this] { serve(); });
}

TestDaemon::~TestDaemon() {
  stop_ = true;
  thread_.join();
}

std::vector<proto::CtlMessage> TestDaemon::requests() {
  std::lock_guard lock(mutex_);
  return seen_;
}

int TestDaemon::count(proto::RequestType type) {
  const auto all = requests();
  return static_cast<int>(
      std::count_if(all.begin(), all.end(), [type](auto& m) { return m.type == type; }));
}

bool TestDaemon::lose() {
  if (drop_every_ > 0 && ++packets_ % drop_every_ == 0) return true;
  return loss_ > 0 && std::bernoulli_distribution(loss_)(random_);
}

void TestDaemon::serve() {
  while (!stop_) {
    pollfd pfd{socket_.fd(), POLLIN, 0};
    if (::poll(&pfd, 1, 20) <= 0) continue;
    std::array<std::uint8_t, 256> buffer{};
    platform::ReceivedDatagram got;
    if (socket_.receive(buffer, got)) continue;
    if (lose()) continue;
    const auto bytes = std::span(buffer).first(std::min(got.size, buffer.size()));
    proto::CtlMessage msg;
    if (otalk_) {
      const auto decoded = proto::decode_otalk_message(bytes);
      if (!decoded.message) continue;
      msg = proto::to_ctl_message(*decoded.message);
    } else {
      const auto decoded = proto::decode_ctl_message(bytes);
      if (!decoded.ok()) continue;
      msg = *decoded.message;
    }
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(msg);
    }
    handle(msg, got.source);
  }
}

void TestDaemon::handle(const proto::CtlMessage& msg, const platform::Ipv4Endpoint& from) {
  proto::CtlResponse resp;
  resp.type = msg.type;
  switch (msg.type) {
    case proto::RequestType::LeaveInvite:
    case proto::RequestType::Announce: {
      auto same = std::find_if(invitations_.begin(), invitations_.end(), [&](auto& inv) {
        return inv.type == msg.type && inv.l_name == msg.l_name && inv.r_name == msg.r_name &&
               inv.pid == msg.pid;
      });
      if (same == invitations_.end()) {
        invitations_.push_back(msg);
        same = invitations_.end() - 1;
        same->id_num = next_id_++;
      }
      resp.id_num = same->id_num;
      break;
    }
    case proto::RequestType::LookUp: {
      const auto it = std::find_if(invitations_.rbegin(), invitations_.rend(), [&](auto& inv) {
        return inv.type == proto::RequestType::LeaveInvite && inv.r_name == msg.l_name &&
               inv.l_name == msg.r_name;
      });
      if (it == invitations_.rend()) {
        resp.answer = proto::Answer::NotHere;
      } else {
        resp.id_num = it->id_num;
        resp.addr = it->addr;
      }
      break;
    }
    case proto::RequestType::Delete: {
      const auto before = invitations_.size();
      std::erase_if(invitations_, [&](auto& inv) {
        return inv.id_num == msg.id_num && inv.l_name == msg.l_name;
      });
      resp.answer = invitations_.size() < before ? proto::Answer::Success : proto::Answer::NotHere;
      break;
    }
  }
  if (lose()) return;
  if (otalk_) {
    (void)socket_.send_to(proto::encode(proto::to_otalk_response(resp)), from);
  } else {
    (void)socket_.send_to(proto::encode(resp), from);
  }
}

}  // namespace talk::testing
