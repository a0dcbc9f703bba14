// The logging seam: syslog in production, a vector in tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace talk::platform {

enum class LogLevel { Debug, Info, Notice, Warning, Error };

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void log(LogLevel level, std::string_view message) = 0;
};

/// Keeps every message; what tests read.
class MemoryLogger final : public Logger {
 public:
  struct Entry {
    LogLevel level;
    std::string message;
  };
  void log(LogLevel level, std::string_view message) override {
    entries.push_back({level, std::string(message)});
  }
  std::vector<Entry> entries;
};

}  // namespace talk::platform
