// Test doubles for talkd's seams: clock, logins, terminals, names, accounts, files, sockets.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "platform/clock.hpp"
#include "platform/datagram_socket.hpp"
#include "platform/login_records.hpp"
#include "platform/name_lookups.hpp"
#include "platform/poll_loop.hpp"
#include "platform/resolver.hpp"
#include "platform/terminal_scan.hpp"
#include "platform/tty_writer.hpp"
#include "platform/user_db.hpp"
#include "platform/user_file_reader.hpp"

namespace talk::talkd::testing {

/// A poller that never waits: the tests call the server's handlers themselves.
class NoPoller final : public platform::Poller {
 public:
  std::error_code wait(std::span<platform::PollItem>, std::chrono::milliseconds) override {
    return {};
  }
};

class FakeClock final : public platform::Clock {
 public:
  std::chrono::steady_clock::time_point steady_now() const override { return steady; }
  std::chrono::system_clock::time_point wall_now() const override { return wall; }
  void advance(std::chrono::steady_clock::duration d) {
    steady += d;
    wall += std::chrono::duration_cast<std::chrono::system_clock::duration>(d);
  }
  std::chrono::steady_clock::time_point steady{std::chrono::hours(1000)};
  std::chrono::system_clock::time_point wall{std::chrono::hours(1000)};
};

class FakeLogins final : public platform::LoginSource {
 public:
  std::vector<platform::LoginRecord> logins() const override { return records; }
  void add(const std::string& user, const std::string& line, bool user_process = true) {
    records.push_back({user, line, 100, user_process});
  }
  std::vector<platform::LoginRecord> records;
};

class FakeScan final : public platform::TerminalScan {
 public:
  std::vector<std::string> terminals_of(uid_t uid) const override {
    ++calls;
    const auto it = owned.find(uid);
    return it != owned.end() ? it->second : std::vector<std::string>{};
  }
  std::map<uid_t, std::vector<std::string>> owned;
  mutable int calls = 0;
};

class FakeTtys final : public platform::TtyWriter {
 public:
  struct Write {
    std::string line;
    std::string bytes;
  };
  std::optional<platform::TtyInfo> probe(std::string_view line) const override {
    const auto it = ttys.find(std::string(line));
    if (it == ttys.end()) return std::nullopt;
    return it->second;
  }
  std::error_code write(std::string_view line, std::string_view bytes, uid_t owner) override {
    const auto it = ttys.find(std::string(line));
    if (it == ttys.end()) return std::make_error_code(std::errc::no_such_file_or_directory);
    if (it->second.owner != owner || !it->second.group_writable) {
      return std::make_error_code(std::errc::permission_denied);
    }
    if (stalled) return std::make_error_code(std::errc::timed_out);
    writes.push_back({std::string(line), std::string(bytes)});
    return {};
  }
  /// A terminal of `owner`, last typed on `idle_seconds` ago (relative to a fixed epoch).
  void add(const std::string& line, uid_t owner, bool writable, int input_at_seconds) {
    ttys[line] = {owner, writable,
                  std::chrono::system_clock::time_point(std::chrono::seconds(input_at_seconds))};
  }
  std::map<std::string, platform::TtyInfo> ttys;
  std::vector<Write> writes;
  bool stalled = false;
};

class FakeResolver final : public platform::Resolver {
 public:
  std::string verified_name(std::uint32_t ipv4) override {
    const auto it = names.find(ipv4);
    return it != names.end() ? it->second : "ip-" + std::to_string(ipv4);
  }
  bool is_local_address(std::uint32_t ipv4) override {
    return (ipv4 >> 24) == 127 || ipv4 == local_address;
  }
  std::map<std::uint32_t, std::string> names;
  std::uint32_t local_address = 0x0a000001;  // 10.0.0.1
};

class FakeUsers final : public platform::UserDb {
 public:
  std::optional<platform::UserInfo> find(std::string_view name) const override {
    const auto it = users.find(std::string(name));
    if (it == users.end()) return std::nullopt;
    return it->second;
  }
  std::map<std::string, platform::UserInfo> users;
};

class FakeFiles final : public platform::UserFileReader {
 public:
  platform::UserFile read(const std::string& path, uid_t /*owner*/) const override {
    const auto it = files.find(path);
    if (it == files.end()) return {};
    return it->second;
  }
  std::map<std::string, platform::UserFile> files;
};

class FakeSocket final : public platform::DatagramSocket {
 public:
  struct Sent {
    std::vector<std::uint8_t> bytes;
    platform::Ipv4Endpoint to;
  };
  int fd() const override { return -1; }
  std::error_code send_to(std::span<const std::uint8_t> bytes,
                          const platform::Ipv4Endpoint& to) override {
    sent.push_back({{bytes.begin(), bytes.end()}, to});
    return {};
  }
  std::error_code receive(std::span<std::uint8_t>, platform::ReceivedDatagram&) override {
    return std::make_error_code(std::errc::resource_unavailable_try_again);
  }
  std::vector<Sent> sent;
};

/// Lookups that finish only when the test says so.
class FakeNameLookups final : public platform::NameLookups {
 public:
  void start(std::uint32_t ipv4) override { started.push_back(ipv4); }
  int fd() const override { return -1; }
  std::vector<platform::NameAnswer> collect() override { return std::exchange(finished, {}); }
  void finish(std::uint32_t ipv4, const std::string& name) { finished.push_back({ipv4, name}); }
  std::vector<std::uint32_t> started;
  std::vector<platform::NameAnswer> finished;
};

/// The users, terminals, names and clock a test's daemon (or daemons) share.
struct FakeWorld {
  FakeClock clock;
  FakeLogins utmp;
  FakeTtys ttys;
  FakeUsers users;
  FakeFiles files;
  FakeResolver resolver;
};

}  // namespace talk::talkd::testing
