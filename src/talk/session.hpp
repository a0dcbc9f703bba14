// One run of talk: the single poll loop that drives the rendezvous over the daemon sockets,
// then the conversation over a PeerLink, with the keyboard, the signals and the screen.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "platform/client_poll.hpp"
#include "platform/clock.hpp"
#include "platform/signal_events_client.hpp"
#include "platform/tcp_socket.hpp"
#include "talk/client_setup.hpp"
#include "talk/conversation.hpp"
#include "talk/edit_chars.hpp"
#include "talk/peer_link.hpp"
#include "talk/rendezvous.hpp"
#include "talk/screen.hpp"
#include "talk/screen_peer_view.hpp"
#include "talk/srdp_link.hpp"

namespace talk::client {

/// Makes the link of a conversation that needs no rendezvous (utalk's raw modes and !PORT@HOST,
/// XMPP): it gets the peer's view and the time; null when the link could not be made (`error`
/// then says why).
using DirectLinkFactory =
    std::function<std::unique_ptr<PeerLink>(PeerView& view, TimePoint now, std::string& error)>;

struct SessionIo {
  int input_fd = 0;  // the keyboard
  platform::SignalSource* signals = nullptr;
  Screen* screen = nullptr;
  const platform::Clock* clock = nullptr;
  ClientResources* resources = nullptr;
  bool utf8 = true;
  EditChars my_edit_chars;
  /// When set, the session skips the rendezvous (resources may then be null) and talks over
  /// this link from the start.
  DirectLinkFactory direct_link;
  /// The direct link finds its peer itself (XMPP): its notices and the peer's typing state show
  /// on the status line, and a link that cannot be made is a lost connection (`error` the detail).
  bool link_drives_status = false;
};

/// How the run ended. `message` (bracketed on screen) and `detail` go to stderr after the
/// terminal is restored; exit_code is what main returns.
struct SessionResult {
  int exit_code = 0;
  std::string message;
  std::string detail;
};

class Session {
 public:
  explicit Session(SessionIo io);
  SessionResult run();

 private:
  enum class State { Rendezvous, Talking, PeerClosed, Finished };

  void apply_rendezvous_actions(TimePoint now);
  void poll_once();
  void read_daemon_sockets(TimePoint now);
  void take_rendezvous_streams(bool connect_done, TimePoint now);
  void handle_signals(TimePoint now);
  void start_talking(platform::TcpStream stream);
  void begin_talking(std::unique_ptr<PeerLink> link, TimePoint now);
  void read_keyboard(TimePoint now);
  void serve_link(std::span<const platform::PollEntry> entries, TimePoint now);
  void after_link_calls();
  void start_direct();
  void accept_srdp(TimePoint now);
  bool start_probe(TimePoint now);
  void serve_probe(bool readable, TimePoint now);
  void show_link_status();
  void finish(int code, std::string message, std::string detail = {});
  void drain_cleanup();
  void redraw();

  SessionIo io_;
  ScreenModel model_;
  Rendezvous rendezvous_;
  State state_ = State::Rendezvous;
  std::optional<platform::TcpStream> connecting_;
  platform::TcpStream outgoing_;  // connected, not yet chosen
  platform::TcpStream accepted_;  // accepted, not yet chosen
  ScreenPeerView peer_view_;
  std::unique_ptr<Conversation> conversation_;
  std::unique_ptr<PeerLink> link_;
  std::unique_ptr<PeerLink> answered_link_;  // a utalk peer's, until the rendezvous ends
  // The caller's port refused TCP: is a utalk caller waiting there in SRDP?
  std::optional<platform::Ipv4Endpoint> connect_target_;
  std::unique_ptr<SrdpLink> probe_;
  TimePoint probe_deadline_;
  SessionResult result_;
  bool dirty_ = true;
  bool link_open_shown_ = false;
  bool link_status_ = false;  // the link's notices drive the status line
  std::string shown_notice_;
  TypingState shown_typing_ = TypingState::Unknown;
};

}  // namespace talk::client
