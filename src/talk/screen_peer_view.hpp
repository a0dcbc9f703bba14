// The PeerView of a two-party split screen: the peer's pane of the ScreenModel, with the bells,
// topic, typing state and notices the session shows.
#pragma once

#include <string>

#include "talk/peer_link.hpp"
#include "talk/screen_model.hpp"

namespace talk::client {

class ScreenPeerView final : public PeerView {
 public:
  explicit ScreenPeerView(ScreenModel& model) : model_(model) {}

  Pane& text() override { return model_.peer(); }
  void ring() override { ++bells_; }
  void show_topic(const std::string& topic) override {
    topic_ = topic;
    model_.set_topic(topic);
  }
  void show_typing(TypingState state) override { typing_ = state; }
  // The session decides where a notice goes: the notice slot, or the status line itself.
  void show_notice(const std::string& notice) override { notice_ = notice; }

  /// Bells rung since the last call (the session beeps for them).
  int take_bells() {
    const int bells = bells_;
    bells_ = 0;
    return bells;
  }
  const std::string& topic() const { return topic_; }
  TypingState typing() const { return typing_; }
  const std::string& notice() const { return notice_; }

 private:
  ScreenModel& model_;
  int bells_ = 0;
  std::string topic_;
  TypingState typing_ = TypingState::Unknown;
  std::string notice_;
};

}  // namespace talk::client
