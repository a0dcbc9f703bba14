// Termination and reload signals as a readable descriptor (signalfd), for the one poll loop.
#pragma once

#include <system_error>

#include "platform/unique_fd.hpp"

namespace talk::platform {

enum class SignalEvent { None, Terminate, Reload };

/// Blocks SIGTERM, SIGINT and SIGHUP and delivers them through a signalfd; ignores SIGPIPE.
class SignalPipe {
 public:
  static SignalPipe open(std::error_code& ec);
  int fd() const { return fd_.get(); }
  /// Reads one pending signal (non-blocking).
  SignalEvent read_event();

 private:
  UniqueFd fd_;
};

}  // namespace talk::platform
