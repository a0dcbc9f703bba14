// The PeerView of one conference member: a pane of its own (its window), bells and notices the
// conference session collects.
#pragma once

#include <string>

#include "talk/peer_link.hpp"

namespace talk::client {

class ConferencePeerView final : public PeerView {
 public:
  Pane& text() override { return pane_; }
  void ring() override { ++bells_; }
  void show_topic(const std::string& /*topic*/) override {}
  void show_typing(TypingState /*state*/) override {}
  void show_notice(const std::string& notice) override { notice_ = notice; }

  const Pane& pane() const { return pane_; }
  int take_bells() {
    const int bells = bells_;
    bells_ = 0;
    return bells;
  }
  const std::string& notice() const { return notice_; }

 private:
  Pane pane_;
  int bells_ = 0;
  std::string notice_;
};

}  // namespace talk::client
