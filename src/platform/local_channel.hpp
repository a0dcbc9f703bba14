// A local channel between two daemons on one host: a unix seqpacket socket in the file
// system (reachable only from this host, guarded by its directory's and its own permissions),
// one request message and one answer per connection.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "platform/unique_fd.hpp"

namespace talk::platform {

/// Connects to `path`, sends `request` and waits at most `timeout` for the one-message answer.
/// nullopt when nothing listens there, or no answer came in time.
std::optional<std::string> local_request(const std::string& path, std::string_view request,
                                         std::chrono::milliseconds timeout);

/// The answering side: a listening socket at `path` (a stale socket file there is replaced),
/// removed again when the listener goes.
class LocalListener {
 public:
  LocalListener() = default;
  static LocalListener open(const std::string& path, unsigned mode, std::error_code& ec);
  LocalListener(LocalListener&& other) noexcept = default;
  LocalListener& operator=(LocalListener&& other) noexcept = default;
  LocalListener(const LocalListener&) = delete;
  LocalListener& operator=(const LocalListener&) = delete;
  ~LocalListener();

  int fd() const { return fd_.get(); }
  /// One waiting connection, non-blocking; an invalid fd when none is waiting.
  UniqueFd accept();

 private:
  UniqueFd fd_;
  std::string path_;
};

/// One message from a connection accepted by LocalListener (nullopt when none is there yet or
/// the peer closed), and the answer to it.
std::optional<std::string> receive_local_message(int fd);
void send_local_message(int fd, std::string_view message);

}  // namespace talk::platform
