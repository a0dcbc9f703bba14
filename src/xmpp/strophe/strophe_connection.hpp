// The Connection over libstrophe: TLS with certificate verification and SASL (SCRAM preferred
// by the library), stanzas in and out as Elements, driven by pump() from the poll loop.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "xmpp/connection.hpp"

namespace talk::xmpp::strophe {

/// While logging in, pump() runs at least this often (a non-blocking xmpp_run_once each time):
/// the connect, TLS and SASL steps are paced by libstrophe's own select().
inline constexpr std::chrono::milliseconds kPumpInterval{20};
/// Once logged in the poll loop waits on the socket itself (libstrophe 0.12 has no getter for
/// it; the socket-option callback, run inside xmpp_connect_client, names it), and pump() runs on
/// a timer only as a safety net, for libstrophe's timed handlers.
inline constexpr std::chrono::milliseconds kIdlePumpInterval{250};

class StropheConnection final : public Connection {
 public:
  StropheConnection();
  ~StropheConnection() override;
  StropheConnection(const StropheConnection&) = delete;
  StropheConnection& operator=(const StropheConnection&) = delete;

  bool connect(const Account& account, const std::string& password, const std::string& resource,
               ConnectionEvents& events, std::string& error) override;
  void send(const Element& stanza) override;
  void disconnect() override;
  void pump() override;
  std::chrono::milliseconds max_wait() const override;
  int descriptor() const override;
  bool wants_write() const override;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

/// Parses one stanza written as XML text with libstrophe's parser (for tests and fuzzing).
std::optional<Element> parse_stanza_xml(std::string_view xml);
/// An Element as XML text, as libstrophe would send it.
std::string stanza_xml(const Element& element);

}  // namespace talk::xmpp::strophe
