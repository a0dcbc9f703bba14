// A Connection for unit tests: records what is sent and lets the test play the server.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "xmpp/connection.hpp"

namespace talk::xmpp::testing {

class FakeConnection final : public Connection {
 public:
  bool connect(const Account& account, const std::string& secret, const std::string& resource,
               ConnectionEvents& observer, std::string& /*error*/) override {
    jid = account.jid.bare() + "/" + resource;
    password = secret;
    events = &observer;
    return true;
  }
  void send(const Element& stanza) override { sent.push_back(stanza); }
  void disconnect() override { disconnect_called = true; }
  void pump() override { ++pumps; }
  std::chrono::milliseconds max_wait() const override { return std::chrono::milliseconds(1000); }
  int descriptor() const override { return fd; }
  bool wants_write() const override { return output_queued; }

  std::vector<Element> take_sent() { return std::exchange(sent, {}); }

  ConnectionEvents* events = nullptr;
  std::string jid;
  std::string password;
  std::vector<Element> sent;
  bool disconnect_called = false;
  int pumps = 0;
  int fd = -1;  // what descriptor() says
  bool output_queued = false;
};

}  // namespace talk::xmpp::testing
