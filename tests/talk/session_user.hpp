// One talk user for the integration tests: a keyboard pipe, a signal pipe, a recording screen
// and a whole session in its own thread, against a daemon on a loopback port.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <functional>
#include <future>
#include <thread>

#include "platform/clock.hpp"
#include "talk/client_setup.hpp"
#include "talk/session.hpp"
#include "talk/session_fakes.hpp"

namespace talk::testing {

using namespace std::chrono_literals;

inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = 5s) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (condition()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return condition();
}

// Finds a UDP port on loopback where nothing listens (bound, read, closed again).
inline std::uint16_t closed_port() {
  std::error_code ec;
  auto probe = platform::UdpSocket::open_bound({platform::kLoopbackAddress, 0}, ec);
  return probe.local_port(ec);
}

// One user: keyboard pipe, signal pipe, recording screen, a session in its own thread.
struct User {
  User(const std::string& me, const std::string& peer, std::uint16_t daemon_port,
       std::uint16_t otalk_port = 0) {
    EXPECT_EQ(::pipe(keyboard), 0);
    client::Options options;
    options.person.user = peer;
    options.daemon_port = daemon_port;
    options.otalk_port = otalk_port != 0 ? otalk_port : closed_port();
    auto setup = client::prepare_client({options, me, ::getpid(), ""});
    EXPECT_TRUE(setup.resources) << setup.error;
    resources = std::move(setup.resources);
  }
  ~User() {
    if (result.valid() && result.wait_for(0s) != std::future_status::ready) {
      signals.raise();
      result.wait_for(5s);
    }
    ::close(keyboard[0]);
    ::close(keyboard[1]);
  }
  void start() {
    result = std::async(std::launch::async, [this] {
      client::Session session(
          {keyboard[0], &signals, &screen, &clock, resources.get(), true, client::EditChars{}, {}});
      return session.run();
    });
  }
  void type(std::string_view text) const {
    ASSERT_EQ(::write(keyboard[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }
  bool shows(const std::string& needle) { return screen.text().find(needle) != std::string::npos; }
  bool finished() { return result.valid() && result.wait_for(0s) == std::future_status::ready; }

  int keyboard[2] = {-1, -1};
  PipeSignals signals;
  RecordingScreen screen;
  platform::SystemClock clock;
  std::unique_ptr<client::ClientResources> resources;
  std::future<client::SessionResult> result;
};

}  // namespace talk::testing
