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

/// libstrophe 0.12 (Debian 12) does not hand its socket to the application with any context,
/// so the poll loop cannot wait on it: while a connection is open, pump() runs at least this
/// often (a non-blocking xmpp_run_once each time).
inline constexpr std::chrono::milliseconds kPumpInterval{20};

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

  struct State;

 private:
  std::unique_ptr<State> state_;
};

/// Parses one stanza written as XML text with libstrophe's parser (for tests and fuzzing).
std::optional<Element> parse_stanza_xml(std::string_view xml);
/// An Element as XML text, as libstrophe would send it.
std::string stanza_xml(const Element& element);

}  // namespace talk::xmpp::strophe
