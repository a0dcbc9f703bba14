// Server: receive, classify by length (84 ntalk, 76 otalk), process, reply to the source.
#include "talkd/server.hpp"

#include <algorithm>
#include <array>

#include "protocol/codec.hpp"

namespace talk::talkd {

namespace {
constexpr std::size_t kReceiveBuffer = 2048;
constexpr std::uint16_t kFirstUnprivilegedPort = 1024;
}  // namespace

Server::Server(std::vector<ListeningSocket> sockets, RequestProcessor& processor,
               InvitationTable& table, platform::Poller& poller, const platform::Clock& clock,
               platform::Logger& logger, ServerSettings settings)
    : sockets_(std::move(sockets)),
      processor_(processor),
      table_(table),
      poller_(poller),
      clock_(clock),
      logger_(logger),
      settings_(settings),
      last_request_(clock.steady_now()) {}

void Server::set_signals(platform::SignalPipe* signals, std::function<void()> on_reload) {
  signals_ = signals;
  on_reload_ = std::move(on_reload);
}

void Server::log_once(bool& logged, const std::string& text) {
  if (logged) return;
  logged = true;
  logger_.log(platform::LogLevel::Warning, text + " (logged once)");
}

bool Server::handle_datagram(platform::DatagramSocket& socket, std::span<const std::uint8_t> bytes,
                             std::size_t size, const platform::ReceivedDatagram& from) {
  if (!from.source_is_ipv4) {
    ++dropped_ipv6_;
    log_once(logged_ipv6_, "dropped a datagram from an IPv6 source: talk carries IPv4 only");
    return false;
  }
  if (from.source.port < kFirstUnprivilegedPort) {
    ++dropped_bad_port_;
    log_once(logged_bad_port_,
             "dropped a datagram from privileged port " + platform::format_endpoint(from.source));
    return false;
  }
  last_request_ = clock_.steady_now();
  if (size == proto::kCtlMsgSize && bytes.size() == size) {
    const auto decoded = proto::decode_ctl_message(bytes);
    if (!decoded.message) return false;
    return answer_or_hold(socket, *decoded.message, decoded.error, from.source, Wire::Ntalk);
  }
  if (size == proto::kOctlMsgSize && bytes.size() == size) {
    const auto decoded = proto::decode_otalk_message(bytes);
    if (!decoded.message) return false;
    return answer_or_hold(socket, proto::to_ctl_message(*decoded.message), decoded.error,
                          from.source, Wire::Otalk);
  }
  ++dropped_wrong_length_;
  log_once(logged_wrong_length_, "dropped a datagram of " + std::to_string(size) + " bytes from " +
                                     platform::format_endpoint(from.source));
  return false;
}

bool Server::answer(platform::DatagramSocket& socket, const proto::CtlMessage& msg,
                    proto::DecodeError error, const platform::Ipv4Endpoint& source, Wire wire) {
  const auto response = processor_.process(msg, error, source, wire);
  if (wire == Wire::Otalk) {
    return !socket.send_to(proto::encode(proto::to_otalk_response(response)), source);
  }
  return !socket.send_to(proto::encode(response), source);
}

bool Server::answer_or_hold(platform::DatagramSocket& socket, const proto::CtlMessage& msg,
                            proto::DecodeError error, const platform::Ipv4Endpoint& source,
                            Wire wire) {
  // An announcement that would ring while the caller's name is being looked up waits for it
  // (or for the bound); everything else is answered at once. When the list is full, the
  // announcement is answered now with the address for a name.
  if (names_ != nullptr && processor_.needs_name(msg, error, source, wire) &&
      held_.hold({&socket, msg, error, source, wire, clock_.steady_now() + settings_.name_wait})) {
    return false;
  }
  return answer(socket, msg, error, source, wire);
}

void Server::answer_held(std::uint32_t ipv4) {
  for (const HeldRequest& held : held_.release(ipv4)) {
    answer(*held.socket, held.msg, held.error, held.source, held.wire);
  }
}

void Server::settle_names(bool lookups_finished) {
  if (names_ == nullptr) return;
  if (lookups_finished) {
    for (const std::uint32_t ipv4 : names_->collect()) answer_held(ipv4);
  }
  while (const auto due = held_.first_due(clock_.steady_now())) {
    names_->give_up(*due);
    answer_held(*due);
  }
}

bool Server::drain(ListeningSocket& listening) {
  std::array<std::uint8_t, kReceiveBuffer> buffer{};
  for (std::size_t i = 0; i < settings_.burst; ++i) {
    platform::ReceivedDatagram from;
    const std::error_code ec = listening.socket->receive(buffer, from);
    if (ec == std::errc::resource_unavailable_try_again || ec == std::errc::operation_would_block) {
      return true;
    }
    if (ec == std::errc::connection_refused || ec == std::errc::interrupted) continue;
    if (ec) {
      logger_.log(platform::LogLevel::Error,
                  "receive on the " + listening.label + " socket: " + ec.message());
      return false;
    }
    const std::size_t kept = std::min(from.size, buffer.size());
    handle_datagram(*listening.socket, std::span<const std::uint8_t>(buffer.data(), kept),
                    from.size, from);
  }
  return true;
}

std::chrono::milliseconds Server::poll_timeout() const {
  using std::chrono::milliseconds;
  auto timeout = milliseconds(-1);
  const auto next_expiry = table_.time_to_next_expiry();
  if (next_expiry != std::chrono::steady_clock::duration::max()) {
    timeout = std::chrono::ceil<milliseconds>(next_expiry);
  }
  if (!held_.empty()) {
    auto until_due = std::chrono::ceil<milliseconds>(held_.next_deadline() - clock_.steady_now());
    if (until_due.count() < 0) until_due = milliseconds(0);
    if (timeout.count() < 0 || until_due < timeout) timeout = until_due;
  }
  if (settings_.idle_timeout.count() > 0) {
    const auto idle_for = clock_.steady_now() - last_request_;
    auto until_idle = std::chrono::ceil<milliseconds>(settings_.idle_timeout - idle_for);
    if (until_idle.count() < 0) until_idle = milliseconds(0);
    // Past the idle deadline with invitations or announcements still waiting: wake for them.
    const bool waiting_for_table = until_idle.count() == 0 && (table_.size() > 0 || !held_.empty());
    if (!waiting_for_table && (timeout.count() < 0 || until_idle < timeout)) timeout = until_idle;
  }
  return timeout;
}

StopReason Server::run() {
  std::vector<platform::PollItem> items;
  for (const ListeningSocket& listening : sockets_) items.push_back({listening.socket->fd()});
  if (signals_ != nullptr) items.push_back({signals_->fd()});
  const std::size_t names_item = items.size();
  if (names_ != nullptr) items.push_back({names_->fd()});

  for (;;) {
    for (auto& item : items) item.readable = false;
    if (const std::error_code ec = poller_.wait(items, poll_timeout())) {
      logger_.log(platform::LogLevel::Error, "poll: " + ec.message());
      return StopReason::Error;
    }
    for (std::size_t i = 0; i < sockets_.size(); ++i) {
      if (items[i].readable && !drain(sockets_[i])) return StopReason::Error;
    }
    if (names_ != nullptr) settle_names(items[names_item].readable);
    if (signals_ != nullptr && items[sockets_.size()].readable) {
      for (;;) {
        const platform::SignalEvent event = signals_->read_event();
        if (event == platform::SignalEvent::None) break;
        if (event == platform::SignalEvent::Terminate) return StopReason::Signal;
        if (on_reload_) on_reload_();
      }
    }
    table_.expire();
    if (settings_.idle_timeout.count() > 0 && table_.size() == 0 && held_.empty() &&
        clock_.steady_now() - last_request_ >= settings_.idle_timeout) {
      if (dropped() > 0) {
        logger_.log(platform::LogLevel::Info,
                    "dropped " + std::to_string(dropped()) + " malformed datagrams in all");
      }
      return StopReason::Idle;
    }
  }
}

}  // namespace talk::talkd
