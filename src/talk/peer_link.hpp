// The seam between a conversation and its transport: one PeerLink per peer, whatever carries it.
//
// A PeerLink is a link to one peer once the rendezvous (if any) has found it: the talk TCP stream,
// utalk's SRDP over UDP, an XMPP chat, one party of a ytalk conference. The session loop, the
// screen and the keys only know this interface:
//   - the loop asks poll_interest() and next_deadline(), waits, then calls on_ready() for each
//     descriptor that is ready and on_timer() when the deadline has passed;
//   - the keyboard side hands the user's edits over as transport-neutral UserEdits (send());
//   - the link puts what the peer does into its PeerView (text, bells, topic, typing, notices)
//     and reports its own state (open, closed and why) through state() and close_reason().
// A link never blocks, never draws and never reads the keyboard; it owns its sockets (or other
// library handles) and closes them when destroyed.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "talk/pane.hpp"

namespace talk::client {

using LinkTime = std::chrono::steady_clock::time_point;

/// One thing the user did to their side of the conversation.
struct UserEdit {
  enum class Kind : std::uint8_t {
    Text,   // `text`: characters in the user's locale (UTF-8 or single bytes), may hold controls
    Erase,  // erase the character before the cursor
    WordErase,  // erase the word before the cursor
    Kill,       // erase the line
    Newline,    // end the line
    Topic,      // `text`: a new topic for the conversation (transports without one ignore it)
  };
  Kind kind = Kind::Text;
  std::string text;
  /// The keystrokes exactly as typed (after local keys were taken out). Transports whose wire
  /// form is the typed byte stream (talk) send these; structured ones use kind and text.
  std::string typed;

  friend bool operator==(const UserEdit&, const UserEdit&) = default;
};

/// What a peer is doing with their side, for transports that say (XMPP chat states).
enum class TypingState : std::uint8_t { Unknown, Active, Composing, Paused, Inactive, Gone };

/// Where a link puts its peer's side. One view per peer: ytalk conferences give each link its own.
class PeerView {
 public:
  virtual ~PeerView() = default;
  /// The peer's text. A byte-stream transport appends and edits at its end; a line/column or
  /// real-time-text transport keeps its own model and rewrites the lines it changed.
  virtual Pane& text() = 0;
  /// The peer rang the bell.
  virtual void ring() = 0;
  /// The conversation's topic changed (UTF-8, already sanitised; empty: none).
  virtual void show_topic(const std::string& topic) = 0;
  /// The peer's typing state changed.
  virtual void show_typing(TypingState state) = 0;
  /// An out-of-band message from or about the peer (presence, a conference notice), UTF-8,
  /// already sanitised; shown on the status line.
  virtual void show_notice(const std::string& notice) = 0;
};

/// A descriptor the link wants polled.
struct LinkPollInterest {
  int fd = -1;
  bool read = false;
  bool write = false;
};

/// What poll said about one of the link's descriptors.
struct LinkReadiness {
  int fd = -1;
  bool readable = false;
  bool writable = false;
  bool failed = false;  // error or hangup: a read or write will say what happened
};

enum class LinkState : std::uint8_t {
  Connecting,  // waiting for the peer's first sign of life (no text yet)
  Open,        // text flows both ways
  Closed,      // for good; close_reason() says why
};

enum class LinkCloseReason : std::uint8_t {
  None,
  PeerHungUp,  // the peer ended the conversation (end of stream, a close or drop message)
  Lost,        // a write failed or the transport gave up; detail() may say more
  LocalQuit,   // we closed it (close())
};

class PeerLink {
 public:
  virtual ~PeerLink() = default;

  /// Called once before the first poll: sends what the transport sends first (talk's edit
  /// characters, SRDP's resynch).
  virtual void start(LinkTime now) = 0;

  /// The descriptors to poll now (may change after every call below).
  virtual std::vector<LinkPollInterest> poll_interest() const = 0;
  /// When on_timer() must be called next; nullopt when no timer runs.
  virtual std::optional<LinkTime> next_deadline() const = 0;

  /// One of the descriptors from poll_interest() is ready (or failed).
  virtual void on_ready(const LinkReadiness& ready, LinkTime now) = 0;
  /// The deadline passed.
  virtual void on_timer(LinkTime now) = 0;

  /// The user's edits, in order; the link sends them at once (or as soon as it can).
  virtual void send(const std::vector<UserEdit>& edits, LinkTime now) = 0;

  /// Ends the conversation from our side, telling the peer if the transport can.
  virtual void close(LinkTime now) = 0;

  virtual LinkState state() const = 0;
  virtual LinkCloseReason close_reason() const = 0;
  /// A technical detail for the user (an errno text), empty when there is none.
  virtual std::string detail() const = 0;
};

}  // namespace talk::client
