// RequestProcessor: LEAVE_INVITE, LOOK_UP, DELETE and ANNOUNCE, and the answers to bad input.
#include "talkd/request_processor.hpp"

#include "protocol/answer_text.hpp"
#include "protocol/sanitize.hpp"
#include "talkd/announcer.hpp"

namespace talk::talkd {

using proto::Answer;
using proto::RequestType;

namespace {

proto::CtlResponse answer_for(const proto::CtlMessage& msg, Answer answer, std::uint32_t id = 0) {
  proto::CtlResponse response;
  response.type = msg.type;
  response.answer = answer;
  response.id_num = id;
  return response;
}

std::string describe_request(const proto::CtlMessage& msg, const platform::Ipv4Endpoint& source) {
  return proto::request_type_name(msg.type) + " " + proto::sanitize_for_terminal(msg.l_name) +
         " -> " + proto::sanitize_for_terminal(msg.r_name) + " from " +
         platform::format_endpoint(source) + " id " + std::to_string(msg.id_num);
}

}  // namespace

RequestProcessor::RequestProcessor(ProcessorParts parts, ProcessorSettings settings)
    : parts_(parts), settings_(std::move(settings)), throttle_(parts.clock) {}

void RequestProcessor::log(platform::LogLevel level, const std::string& text) {
  if (level == platform::LogLevel::Debug) {
    parts_.logger.log(level, text);
    return;
  }
  std::size_t left_out = 0;
  const bool admitted = throttle_.admit(left_out);
  if (left_out > 0) {
    parts_.logger.log(platform::LogLevel::Warning,
                      std::to_string(left_out) + " log messages left out in the last minute");
  }
  if (admitted) parts_.logger.log(level, text);
}

proto::CtlResponse RequestProcessor::process(const proto::CtlMessage& msg, proto::DecodeError error,
                                             const platform::Ipv4Endpoint& source, Wire wire) {
  proto::CtlResponse response;
  switch (error) {
    case proto::DecodeError::None:
      switch (msg.type) {
        case RequestType::Announce:
          response = announce(msg, source, wire);
          break;
        case RequestType::LeaveInvite:
          response = leave_invite(msg, source);
          break;
        case RequestType::LookUp:
          response = look_up(msg);
          break;
        case RequestType::Delete:
          response = remove(msg, source);
          break;
        default:
          response = answer_for(msg, Answer::UnknownRequest);
          break;
      }
      break;
    case proto::DecodeError::BadVersion:
      response = answer_for(msg, Answer::BadVersion);
      break;
    case proto::DecodeError::BadAddrFamily:
      response = answer_for(msg, Answer::BadAddr);
      break;
    case proto::DecodeError::BadCtlAddrFamily:
      response = answer_for(msg, Answer::BadCtlAddr);
      break;
    case proto::DecodeError::UnknownType:
      response = answer_for(msg, Answer::UnknownRequest);
      break;
    case proto::DecodeError::UnterminatedName:
    case proto::DecodeError::NonPrintableName:
    case proto::DecodeError::WrongLength:
      if (!settings_.quiet) {
        log(platform::LogLevel::Notice,
            "illegal name or tty in request from " + platform::format_endpoint(source));
      }
      response = answer_for(msg, Answer::Failed);
      break;
  }
  if (settings_.debug) {
    log(platform::LogLevel::Debug, describe_request(msg, source) + ": " +
                                       proto::answer_name(response.answer) + " id " +
                                       std::to_string(response.id_num));
  }
  return response;
}

bool RequestProcessor::needs_name(const proto::CtlMessage& msg, proto::DecodeError error,
                                  const platform::Ipv4Endpoint& source, Wire wire) {
  if (error != proto::DecodeError::None || msg.type != RequestType::Announce) return false;
  // Only a new invitation or an explicit re-announce rings; duplicates are answered at once.
  const Invitation* stored =
      parts_.table.find_request(msg.l_name, msg.r_name, RequestType::Announce, msg.pid);
  if (stored != nullptr && msg.id_num <= stored->id) return false;
  const std::size_t field = wire == Wire::Otalk ? proto::kOtalkNameSize : proto::kNameSize;
  const std::string callee = parts_.locator.login_name_for(msg.r_name, field);
  if (!parts_.policy.allows(msg.l_name, source.address, callee)) return false;
  if (parts_.locator.locate(callee, msg.r_tty).answer != Answer::Success) return false;
  return !parts_.resolver.name_ready(source.address);
}

proto::CtlResponse RequestProcessor::announce(const proto::CtlMessage& msg,
                                              const platform::Ipv4Endpoint& source, Wire wire) {
  const std::size_t field = wire == Wire::Otalk ? proto::kOtalkNameSize : proto::kNameSize;
  const std::string callee = parts_.locator.login_name_for(msg.r_name, field);
  if (!parts_.policy.allows(msg.l_name, source.address, callee)) {
    log(platform::LogLevel::Notice, "access denied: " + describe_request(msg, source));
    return answer_for(msg, Answer::Failed);
  }
  const Location where = parts_.locator.locate(callee, msg.r_tty);
  if (where.answer == Answer::NotHere && gateway_ != nullptr && is_local_source(source)) {
    return announce_to_gateway(msg, source);
  }
  if (where.answer != Answer::Success) return answer_for(msg, where.answer);

  Invitation* stored =
      parts_.table.find_request(msg.l_name, msg.r_name, RequestType::Announce, msg.pid);
  if (stored == nullptr) {
    Invitation entry;
    entry.type = RequestType::Announce;
    entry.l_name = msg.l_name;
    entry.r_name = msg.r_name;
    entry.r_tty = where.tty;
    entry.pid = msg.pid;
    entry.addr = msg.addr;
    entry.origin = source.address;
    const std::uint32_t id = parts_.table.insert(std::move(entry)).id;
    if (!may_ring(source, callee)) {
      if (settings_.debug) log(platform::LogLevel::Debug, "rate limit, not ringing");
      return answer_for(msg, Answer::Success, id);
    }
    return answer_for(msg, ring(msg, where, source), id);
  }
  if (msg.id_num > stored->id) {
    // An explicit re-announce (the caller sends the last id + 1): ring again under a new id,
    // unless the rate limit says this caller rang too recently.
    if (!may_ring(source, callee)) {
      if (settings_.debug) log(platform::LogLevel::Debug, "rate limit, not ringing again");
      return answer_for(msg, Answer::Success, stored->id);
    }
    parts_.table.renew_id(*stored);
    stored->r_tty = where.tty;
    const std::uint32_t id = stored->id;
    return answer_for(msg, ring(msg, where, source), id);
  }
  return answer_for(msg, Answer::Success, stored->id);  // a retransmitted duplicate
}

proto::CtlResponse RequestProcessor::announce_to_gateway(const proto::CtlMessage& msg,
                                                         const platform::Ipv4Endpoint& source) {
  // The callee is no user here: perhaps one of the caller's XMPP contacts. The gateway rings
  // them and connects to the caller's invitation when they answer; the caller sees the same
  // answers as for a local callee, so its re-announces reach the gateway again.
  Invitation* stored =
      parts_.table.find_request(msg.l_name, msg.r_name, RequestType::Announce, msg.pid);
  if (stored != nullptr && msg.id_num <= stored->id) {
    return answer_for(msg, Answer::Success, stored->id);  // a retransmitted duplicate
  }
  proto::GatewayMessage ring;
  ring.verb = proto::GatewayVerb::Ring;
  ring.caller = msg.l_name;
  ring.callee = msg.r_name;
  ring.addr = msg.addr;
  if (!proto::is_gateway_name(ring.caller) || !proto::is_gateway_name(ring.callee) ||
      msg.addr.family != proto::kAfInet || !gateway_->offer(ring)) {
    return answer_for(msg, Answer::NotHere);
  }
  if (!settings_.quiet) {
    log(platform::LogLevel::Info, "connect from " + proto::sanitize_for_terminal(msg.l_name) +
                                      " to " + proto::sanitize_for_terminal(msg.r_name) +
                                      " handed to the XMPP gateway");
  }
  if (stored != nullptr) {
    parts_.table.renew_id(*stored);
    return answer_for(msg, Answer::Success, stored->id);
  }
  Invitation entry;
  entry.type = RequestType::Announce;
  entry.l_name = msg.l_name;
  entry.r_name = msg.r_name;
  entry.r_tty = std::string(kGatewayTty);
  entry.pid = msg.pid;
  entry.addr = msg.addr;
  entry.origin = source.address;
  return answer_for(msg, Answer::Success, parts_.table.insert(std::move(entry)).id);
}

bool RequestProcessor::is_local_source(const platform::Ipv4Endpoint& source) {
  return platform::is_loopback(source.address) || parts_.resolver.is_local_address(source.address);
}

proto::Answer RequestProcessor::ring(const proto::CtlMessage& msg, const Location& where,
                                     const platform::Ipv4Endpoint& source) {
  AnnouncementText text;
  text.local_host = settings_.local_host;
  text.caller_name = msg.l_name;
  text.caller_host = parts_.resolver.verified_name(source.address);
  const HourMinute now =
      settings_.local_time ? settings_.local_time(parts_.clock.wall_now()) : HourMinute{};
  text.hour = now.hour;
  text.minute = now.minute;
  const std::error_code ec = parts_.ttys.write(where.tty, format_announcement(text), where.uid);
  if (!settings_.quiet) {
    log(platform::LogLevel::Info, "connect from " + proto::sanitize_for_terminal(msg.l_name) + "@" +
                                      proto::sanitize_for_terminal(text.caller_host) + " to " +
                                      proto::sanitize_for_terminal(msg.r_name) + " on " +
                                      where.tty + (ec ? " failed: " + ec.message() : ""));
  }
  if (!ec) return Answer::Success;
  if (ec == std::errc::permission_denied) return Answer::PermissionDenied;
  return Answer::Failed;
}

bool RequestProcessor::may_ring(const platform::Ipv4Endpoint& source, const std::string& callee) {
  // Callers on this host are limited like remote ones, all of its addresses together (any
  // 127/8 address is local, so counting them apart would let one user multiply the limit).
  return parts_.limiter.allow_ring(rate_key_of(source), callee);
}

std::uint32_t RequestProcessor::rate_key_of(const platform::Ipv4Endpoint& source) {
  if (platform::is_loopback(source.address) || parts_.resolver.is_local_address(source.address)) {
    return platform::kLoopbackAddress;
  }
  return source.address;
}

proto::CtlResponse RequestProcessor::leave_invite(const proto::CtlMessage& msg,
                                                  const platform::Ipv4Endpoint& source) {
  if (!platform::is_loopback(source.address) && !parts_.resolver.is_local_address(source.address)) {
    log(platform::LogLevel::Notice,
        "LEAVE_INVITE from a remote address refused: " + describe_request(msg, source));
    return answer_for(msg, Answer::MachineUnknown);
  }
  if (const Invitation* stored =
          parts_.table.find_request(msg.l_name, msg.r_name, RequestType::LeaveInvite, msg.pid)) {
    return answer_for(msg, Answer::Success, stored->id);
  }
  Invitation entry;
  entry.type = RequestType::LeaveInvite;
  entry.l_name = msg.l_name;
  entry.r_name = msg.r_name;
  entry.r_tty = msg.r_tty;
  entry.pid = msg.pid;
  entry.addr = msg.addr;
  entry.origin = source.address;
  return answer_for(msg, Answer::Success, parts_.table.insert(std::move(entry)).id);
}

proto::CtlResponse RequestProcessor::look_up(const proto::CtlMessage& msg) {
  const Invitation* invite = parts_.table.find_invite(msg.r_name, msg.l_name);
  if (invite == nullptr) return answer_for(msg, Answer::NotHere);
  // The callee answers: calling them again after this conversation is not a flood.
  parts_.limiter.answered(rate_key_of({invite->origin, 0}),
                          parts_.locator.login_name_for(msg.l_name, proto::kNameSize));
  proto::CtlResponse response = answer_for(msg, Answer::Success, invite->id);
  response.addr = invite->addr;
  response.addr.family = proto::kAfInet;
  return response;
}

proto::CtlResponse RequestProcessor::remove(const proto::CtlMessage& msg,
                                            const platform::Ipv4Endpoint& source) {
  // Only the exact address that made the invitation may delete it: a client deletes through
  // the socket that left it, so another address of this host is another origin.
  const auto removed = parts_.table.take(msg.id_num, source.address);
  if (removed && gateway_ != nullptr && removed->type == RequestType::Announce &&
      removed->r_tty == kGatewayTty) {
    proto::GatewayMessage cancel;
    cancel.verb = proto::GatewayVerb::Cancel;
    cancel.caller = removed->l_name;
    cancel.callee = removed->r_name;
    gateway_->cancel(cancel);
  }
  return answer_for(msg, removed ? Answer::Success : Answer::NotHere);
}

}  // namespace talk::talkd
