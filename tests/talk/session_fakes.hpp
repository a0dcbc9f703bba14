// Test doubles for running talk sessions in-process: a screen that keeps the last frame and a
// signal source fed through a pipe.
#pragma once

#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>

#include "platform/signal_events_client.hpp"
#include "talk/screen.hpp"

namespace talk::testing {

class RecordingScreen final : public client::Screen {
 public:
  void draw(const client::Frame& frame) override {
    std::lock_guard lock(mutex_);
    frame_ = frame;
  }
  void invalidate() override {}
  void suspend() override {
    std::lock_guard lock(mutex_);
    ++suspends_;
  }
  int suspends() {
    std::lock_guard lock(mutex_);
    return suspends_;
  }
  void beep() override {
    std::lock_guard lock(mutex_);
    ++beeps_;
  }
  void update_size(int& rows, int& cols) override {
    rows = 24;
    cols = 80;
  }
  /// All rows joined by newlines.
  std::string text() {
    std::lock_guard lock(mutex_);
    std::string out;
    for (auto& line : frame_.lines) out += line.text + "\n";
    return out;
  }
  /// Rows of the peer's half (below the separator), joined.
  std::string peer_text() {
    std::lock_guard lock(mutex_);
    std::string out;
    for (std::size_t i = 13; i < frame_.lines.size(); ++i) out += frame_.lines[i].text + "\n";
    return out;
  }

 private:
  std::mutex mutex_;
  client::Frame frame_;
  int beeps_ = 0;
  int suspends_ = 0;
};

/// Any byte written to the pipe is an interrupt (like ^C); 'w' is a resize, 'z' the suspend key.
class PipeSignals final : public platform::SignalSource {
 public:
  PipeSignals() {
    if (::pipe(fds_) != 0) fds_[0] = fds_[1] = -1;
  }
  ~PipeSignals() override {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  int fd() const override { return fds_[0]; }
  std::vector<platform::ClientSignal> take() override {
    char c = 0;
    if (::read(fds_[0], &c, 1) != 1) return {};
    if (c == 'w') return {platform::ClientSignal::Resize};
    if (c == 'z') return {platform::ClientSignal::Suspend};
    return {platform::ClientSignal::Interrupt};
  }
  void stop_process() override { stops_.fetch_add(1); }
  int stops() const { return stops_.load(); }
  void raise(char c = 'i') { (void)!::write(fds_[1], &c, 1); }

 private:
  int fds_[2] = {-1, -1};
  std::atomic<int> stops_{0};
};

}  // namespace talk::testing
