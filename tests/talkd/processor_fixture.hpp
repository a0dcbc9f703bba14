// A RequestProcessor wired to fakes, and functions that build requests, for the unit tests.
#pragma once

#include <gtest/gtest.h>

#include "platform/logger.hpp"
#include "talkd/fakes.hpp"
#include "talkd/request_processor.hpp"

namespace talk::talkd::testing {

inline proto::CtlMessage request(proto::RequestType type, const std::string& l_name,
                                 const std::string& r_name, std::uint32_t id = 0,
                                 std::int32_t pid = 77) {
  proto::CtlMessage msg;
  msg.type = type;
  msg.l_name = l_name;
  msg.r_name = r_name;
  msg.id_num = id;
  msg.pid = pid;
  msg.addr = proto::make_inet_addr(0x0a000002, 40000);
  msg.ctl_addr = proto::make_inet_addr(0x0a000002, 40001);
  return msg;
}

inline constexpr platform::Ipv4Endpoint kRemote{0x0a000002, 40001};  // 10.0.0.2
inline constexpr platform::Ipv4Endpoint kLocal{0x7f000001, 40002};

class ProcessorTest : public ::testing::Test, protected FakeWorld {
 protected:
  ProcessorTest() {
    users.users["bob"] = {1000, 1000, "/home/bob"};
    users.users["alice"] = {1001, 1001, "/home/alice"};
    resolver.names[0x0a000002] = "peer.example";
    utmp.add("bob", "pts/1");
    ttys.add("pts/1", 1000, true, 10);
  }

  RequestProcessor make_processor(bool strict = false, AclRules site = {}) {
    policy = std::make_unique<AccessPolicy>(std::move(site), strict, users, files, logger);
    ProcessorSettings settings;
    settings.local_host = "here";
    settings.local_time = [](std::chrono::system_clock::time_point) { return HourMinute{12, 7}; };
    return RequestProcessor({table, locator, ttys, *policy, limiter, resolver, logger, clock},
                            settings);
  }

  proto::CtlResponse process(const proto::CtlMessage& msg,
                             const platform::Ipv4Endpoint& from = kRemote,
                             proto::DecodeError error = proto::DecodeError::None) {
    if (!processor) processor = std::make_unique<RequestProcessor>(make_processor());
    return processor->process(msg, error, from);
  }

  platform::MemoryLogger logger;
  InvitationTable table{clock, TableLimits{}};
  UserLocator locator{{&utmp}, ttys, users};
  RateLimiter limiter{clock, RateLimits{}};
  std::unique_ptr<AccessPolicy> policy;
  std::unique_ptr<RequestProcessor> processor;
};

}  // namespace talk::talkd::testing
