// SyslogLogger: openlog/syslog with facility LOG_DAEMON.
#include "platform/syslog_logger.hpp"

#include <syslog.h>

#include <string>

namespace talk::platform {
namespace {

int priority_of(LogLevel level) {
  switch (level) {
    case LogLevel::Debug:
      return LOG_DEBUG;
    case LogLevel::Info:
      return LOG_INFO;
    case LogLevel::Notice:
      return LOG_NOTICE;
    case LogLevel::Warning:
      return LOG_WARNING;
    case LogLevel::Error:
      return LOG_ERR;
  }
  return LOG_INFO;
}

}  // namespace

SyslogLogger::SyslogLogger(const char* ident, bool debug, bool also_stderr) : debug_(debug) {
  // Without LOG_NDELAY: the log socket is connected by the first message, not by every start.
  ::openlog(ident, LOG_PID | (also_stderr ? LOG_PERROR : 0), LOG_DAEMON);
}

SyslogLogger::~SyslogLogger() {
  ::closelog();
}

void SyslogLogger::log(LogLevel level, std::string_view message) {
  if (level == LogLevel::Debug && !debug_) return;
  const std::string text(message);
  ::syslog(priority_of(level), "%s", text.c_str());
}

}  // namespace talk::platform
