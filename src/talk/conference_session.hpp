// One run of talk with several people: the poll loop over every member's rendezvous and link,
// the keyboard (and its menu), the signals and the stacked windows. What is typed goes to every
// member; what each member sends shows in their own window.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "platform/client_poll.hpp"
#include "platform/clock.hpp"
#include "platform/signal_events_client.hpp"
#include "talk/client_setup.hpp"
#include "talk/conference.hpp"
#include "talk/conference_layout.hpp"
#include "talk/conference_menu.hpp"
#include "talk/conference_peer_view.hpp"
#include "talk/conversation.hpp"
#include "talk/member_call.hpp"
#include "talk/screen.hpp"
#include "talk/session.hpp"
#include "talk/ytalk_link.hpp"

namespace talk::client {

/// Makes one member's daemon sockets and listener (prepare_client for that person).
using MemberSetup = std::function<ClientSetup(const Person& person)>;

struct ConferenceIo {
  int input_fd = 0;
  platform::SignalSource* signals = nullptr;
  Screen* screen = nullptr;
  const platform::Clock* clock = nullptr;
  bool utf8 = true;
  EditChars my_edit_chars;
  MemberSetup setup;
  std::string my_name;
  std::string my_host;
  std::uint32_t pid = 0;  // our identity in ytalk's parameter block
  std::vector<Person> people;
};

class ConferenceSession final : private ConferenceActions {
 public:
  explicit ConferenceSession(ConferenceIo io);
  SessionResult run();

 private:
  struct Slot {
    MemberId id = 0;
    std::unique_ptr<MemberCall> call;
    std::unique_ptr<YtalkLink> link;
    std::unique_ptr<ConferencePeerView> view;
    std::array<std::uint8_t, 4> addr{};
    bool opened = false;
    bool waiting_told = false;
  };

  // ConferenceActions
  void call(const Member& member, bool ring) override;
  void send_pack(MemberId to, const proto::ytalk::Pack& pack) override;
  void drop(MemberId id) override;
  void tell(const std::string& text) override;

  Slot* slot(MemberId id);
  void poll_once();
  void serve_slot(Slot& s, std::span<const platform::PollEntry> entries, TimePoint now);
  void start_link(Slot& s, platform::TcpStream stream, TimePoint now);
  void after_link(Slot& s, TimePoint now);
  std::vector<UserEdit> recent_text(std::uint16_t rows) const;
  void read_keyboard(TimePoint now);
  void run_command(const MenuCommand& command);
  void handle_signals(TimePoint now);
  void send_window_sizes();
  void check_everyone_gone();
  void finish(int code, std::string message);
  void drain();
  void redraw();
  std::string status_text() const;

  ConferenceIo io_;
  ScreenModel model_;  // my pane (and the size); its two-party frame is not used
  Conversation conversation_;
  Conference conference_;
  ConferenceLayout layout_;
  ConferenceMenu menu_;
  std::deque<Slot> slots_;  // references stay valid as members are added
  std::string status_;
  bool anyone_connected_ = false;
  bool finished_ = false;
  bool dirty_ = true;
  SessionResult result_;
};

}  // namespace talk::client
