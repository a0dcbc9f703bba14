// The client's signals as readable events: SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH and SIGTSTP
// are blocked and delivered through a signalfd that the one poll loop watches. No handler runs.
#pragma once

#include <vector>

#include "platform/unique_fd.hpp"

namespace talk::platform {

enum class ClientSignal { Interrupt, Terminate, Hangup, Resize, Suspend };

/// The seam: something whose fd becomes readable when signals are waiting.
class SignalSource {
 public:
  virtual ~SignalSource() = default;
  virtual int fd() const = 0;
  /// The signals that arrived since the last call (non-blocking).
  virtual std::vector<ClientSignal> take() = 0;
  /// After a Suspend: stops this process as the suspend key does, so the shell gets the terminal;
  /// returns once the process is continued (fg).
  virtual void stop_process() {}
};

/// The real source. Restores the previous signal mask when destroyed.
class SignalEvents final : public SignalSource {
 public:
  SignalEvents();
  ~SignalEvents() override;
  SignalEvents(const SignalEvents&) = delete;
  SignalEvents& operator=(const SignalEvents&) = delete;
  bool valid() const { return fd_.valid(); }
  int fd() const override { return fd_.get(); }
  std::vector<ClientSignal> take() override;
  void stop_process() override;

 private:
  UniqueFd fd_;
  unsigned char old_mask_[128] = {};
};

}  // namespace talk::platform
