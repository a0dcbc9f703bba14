// Logger over syslog(3), facility daemon; optionally mirrored to stderr (foreground runs).
#pragma once

#include "platform/logger.hpp"

namespace talk::platform {

class SyslogLogger final : public Logger {
 public:
  /// Opens the log as `ident` with LOG_PID. Debug messages are dropped unless `debug`.
  SyslogLogger(const char* ident, bool debug, bool also_stderr);
  ~SyslogLogger() override;
  SyslogLogger(const SyslogLogger&) = delete;
  SyslogLogger& operator=(const SyslogLogger&) = delete;
  void log(LogLevel level, std::string_view message) override;

 private:
  bool debug_;
};

}  // namespace talk::platform
