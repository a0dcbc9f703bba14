// The terminal seam: inspect a terminal and write an announcement to it, never blocking long.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include <sys/types.h>

namespace talk::platform {

/// What the daemon needs to know about a terminal before ringing it.
struct TtyInfo {
  uid_t owner = 0;
  bool group_writable = false;                       // mesg y
  std::chrono::system_clock::time_point last_input;  // st_atime: the user's last keystroke
};

class TtyWriter {
 public:
  virtual ~TtyWriter() = default;
  /// Looks at the terminal `line` ("pts/3"): nullopt when the name is unsafe, the file is
  /// missing, or it is not a character device under the device directory (symlinks refused).
  virtual std::optional<TtyInfo> probe(std::string_view line) const = 0;
  /// Writes `bytes` in one write when possible. Refuses (permission_denied) unless the
  /// terminal is owned by `owner` and group-writable; gives up (timed_out) when the terminal
  /// does not take everything within the writer's time bound.
  virtual std::error_code write(std::string_view line, std::string_view bytes, uid_t owner) = 0;
};

/// True when `line` is a plausible terminal name: relative, no "..", no empty component,
/// only [A-Za-z0-9/._-].
bool is_safe_tty_name(std::string_view line);

/// The real terminals under a device directory (/dev; tests may not change it since ptys live
/// there, but the bound is configurable).
class DevTtyWriter final : public TtyWriter {
 public:
  explicit DevTtyWriter(std::chrono::milliseconds bound = std::chrono::milliseconds(1000),
                        std::string dev_dir = "/dev")
      : bound_(bound), dev_dir_(std::move(dev_dir)) {}
  std::optional<TtyInfo> probe(std::string_view line) const override;
  std::error_code write(std::string_view line, std::string_view bytes, uid_t owner) override;

 private:
  std::chrono::milliseconds bound_;
  std::string dev_dir_;
};

}  // namespace talk::platform
