// The seam between talk's XMPP logic and an XMPP client library: one client connection that
// sends and receives stanzas as Elements, driven from the program's single poll loop.
#pragma once

#include <chrono>
#include <string>

#include "xmpp/account.hpp"
#include "xmpp/element.hpp"

namespace talk::xmpp {

/// What the connection reports, from inside pump().
class ConnectionEvents {
 public:
  virtual ~ConnectionEvents() = default;
  /// Authenticated, resource bound: stanzas may be sent now.
  virtual void connected(const std::string& bound_jid) = 0;
  /// The connection failed or ended; `reason` is a short text for people ("" after disconnect()).
  virtual void disconnected(const std::string& reason) = 0;
  virtual void received(const Element& stanza) = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  /// Starts connecting (non-blocking after name resolution); the outcome comes through
  /// `events`, which must outlive the connection. False with `error` set when it cannot start.
  virtual bool connect(const Account& account, const std::string& password,
                       const std::string& resource, ConnectionEvents& events,
                       std::string& error) = 0;
  virtual void send(const Element& stanza) = 0;
  /// Closes the stream politely; disconnected("") follows from pump().
  virtual void disconnect() = 0;
  /// Does the library's work that is due without blocking: reads, writes, its timers.
  virtual void pump() = 0;
  /// How long the poll loop may sleep before pump() must run again.
  virtual std::chrono::milliseconds max_wait() const = 0;
  /// The descriptor the library reads and writes, for the poll loop to wait on (pump() when it
  /// is ready); -1 when there is none or the library does not say, then max_wait() alone paces
  /// pump().
  virtual int descriptor() const { return -1; }
  /// Whether the library has output queued that waits for descriptor() to become writable.
  virtual bool wants_write() const { return false; }
};

}  // namespace talk::xmpp
