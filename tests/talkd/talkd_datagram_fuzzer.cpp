// libFuzzer target: any datagram, on a daemon that already holds invitations, must get either
// no answer (wrong length, bad source) or exactly one 24-byte answer sent to its source, with
// addr zero unless it is a successful LOOK_UP; no terminal write may carry a control byte
// other than the announcement's own BEL, CR and LF.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#include "platform/logger.hpp"
#include "protocol/codec.hpp"
#include "talkd/fakes.hpp"
#include "talkd/server.hpp"

namespace talk::talkd {
namespace {

using testing::NoPoller;

[[noreturn]] void fail(const char* what) {
  (void)std::fprintf(stderr, "talkd_datagram_fuzzer: property violated: %s\n", what);
  std::abort();
}

proto::CtlMessage request(proto::RequestType type, const char* l_name, const char* r_name) {
  proto::CtlMessage msg;
  msg.type = type;
  msg.l_name = l_name;
  msg.r_name = r_name;
  msg.id_num = 0xffffffff;
  msg.pid = 9;
  msg.addr = proto::make_inet_addr(0x7f000001, 4000);
  msg.ctl_addr = proto::make_inet_addr(0x7f000001, 4001);
  return msg;
}

void check_write(const std::string& bytes) {
  if (bytes.size() < 3 || bytes.compare(0, 3, "\a\r\n") != 0) fail("announcement prefix");
  for (std::size_t i = 3; i < bytes.size(); ++i) {
    const auto b = static_cast<std::uint8_t>(bytes[i]);
    if (b == '\r' || b == '\n') continue;
    if (b < 0x20 || b == 0x7f) fail("control byte written to a terminal");
  }
}

void run_one(std::span<const std::uint8_t> input) {
  testing::FakeClock clock;
  testing::FakeLogins utmp;
  testing::FakeTtys ttys;
  testing::FakeUsers users;
  testing::FakeFiles files;
  testing::FakeResolver resolver;
  platform::MemoryLogger logger;
  users.users["bob"] = {1000, 1000, "/home/bob"};
  users.users["alice"] = {1001, 1001, "/home/alice"};
  utmp.add("bob", "pts/1");
  utmp.add("alice", "pts/2");
  ttys.add("pts/1", 1000, true, 10);
  ttys.add("pts/2", 1001, true, 20);
  InvitationTable table(clock, TableLimits{});
  UserLocator locator({&utmp}, ttys, users);
  AccessPolicy policy(AclRules{}, false, users, files, logger);
  RateLimiter limiter(clock, RateLimits{});
  RequestProcessor processor({table, locator, ttys, policy, limiter, resolver, logger, clock},
                             ProcessorSettings{"host", {}, false, true});
  NoPoller poller;
  testing::FakeSocket socket;
  Server server({{&socket, "fuzz"}}, processor, table, poller, clock, logger, {});

  auto feed = [&](std::span<const std::uint8_t> bytes, platform::Ipv4Endpoint from) {
    platform::ReceivedDatagram received;
    received.size = bytes.size();
    received.source = from;
    const std::size_t before = socket.sent.size();
    server.handle_datagram(socket, bytes, bytes.size(), received);
    const std::size_t answers = socket.sent.size() - before;
    const bool answerable =
        (bytes.size() == proto::kCtlMsgSize || bytes.size() == proto::kOctlMsgSize) &&
        from.port >= 1024;
    if (answers > 1 || (answers == 1) != answerable) fail("answer count");
    if (answers == 1) {
      const auto& sent = socket.sent.back();
      if (sent.to != from) fail("answer not sent to the source");
      if (sent.bytes.size() != proto::kCtlResponseSize) fail("answer size");
      const bool otalk = bytes.size() == proto::kOctlMsgSize;
      const std::uint8_t type = otalk ? sent.bytes[0] : sent.bytes[1];
      const std::uint8_t answer = otalk ? sent.bytes[1] : sent.bytes[2];
      if (otalk && answer > static_cast<std::uint8_t>(proto::kLastOtalkAnswer)) {
        fail("otalk answer out of range");
      }
      if (!(type == 1 && answer == 0)) {
        for (std::size_t i = 8; i < sent.bytes.size(); ++i) {
          if (sent.bytes[i] != 0) fail("addr not zero");
        }
      }
    }
  };

  const auto invite = proto::encode(request(proto::RequestType::LeaveInvite, "alice", "bob"));
  feed(invite, {0x7f000001, 4001});
  const auto announce = proto::encode(request(proto::RequestType::Announce, "carol", "bob"));
  feed(announce, {0x0a000002, 4001});
  feed(input, {0x0a000002, 4001});  // remote
  clock.advance(std::chrono::seconds(11));
  feed(input, {0x7f000001, 4002});  // local, again: duplicates and re-announces
  feed(input, {0x0a000003, 80});    // privileged port: never answered
  for (const auto& write : ttys.writes) check_write(write.bytes);
  if (table.size() > 8) fail("table grew beyond the requests made");
}

}  // namespace
}  // namespace talk::talkd

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  talk::talkd::run_one(std::span<const std::uint8_t>(data, size));
  return 0;
}
