// The terminal-scan seam: the pseudo-terminals a user holds, found without any login record.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace talk::platform {

class TerminalScan {
 public:
  virtual ~TerminalScan() = default;
  /// The terminal lines ("pts/4") whose device is owned by `uid`, in no particular order.
  virtual std::vector<std::string> terminals_of(uid_t uid) const = 0;
};

/// Lists the pts directory (/dev/pts) and stats each entry: a pty is owned by the user whose
/// login made it (sshd, login, su -l with script, terminal emulators), and disappears when it
/// is closed. Needs no privilege, no /proc and no libsystemd; costs one stat per open pty.
class DevPtsScan final : public TerminalScan {
 public:
  explicit DevPtsScan(std::string dev_dir = "/dev") : dev_dir_(std::move(dev_dir)) {}
  std::vector<std::string> terminals_of(uid_t uid) const override;

 private:
  std::string dev_dir_;
};

}  // namespace talk::platform
