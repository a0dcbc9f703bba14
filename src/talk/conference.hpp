// Who is in a multi-party conversation and who must connect to whom, as a pure controller:
// ytalk 3.x's protocol. A member we bring in (we ring them, or an Accept names them) is called;
// when a ytalk-speaking member's link opens we Import them to every other such member; a member
// told of a newcomer by Import leaves a silent invitation for them and answers Export; the one
// who brought the newcomer in then sends Accept, naming the importer, to the newcomer, who
// connects to the importer. The result is a full mesh: the newcomer connects to everyone.
// Only the user's own additions ring anyone: what members ask for only leaves or looks up
// invitations, and a conference holds at most kMaxMembers others.
// Classic talk peers stay two-party talkers with us and are never exported (as in ytalk).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "protocol/ytalk.hpp"
#include "talk/ytalk_stream.hpp"

namespace talk::client {

using MemberId = int;

enum class MemberState : std::uint8_t {
  Calling,    // we ring them (or look up their invitation)
  Expecting,  // imported: our invitation waits for them, nobody is rung
  Connected,  // the link is open
  Gone,       // hung up, refused, or never came
};

struct Member {
  MemberId id = 0;
  std::string user;
  std::string host;  // as named to us; empty: this machine
  MemberState state = MemberState::Calling;
  PeerProgram program;
  std::uint32_t pid = 0;               // their ytalk pid, once their block arrived (0: not a ytalk)
  std::array<std::uint8_t, 4> addr{};  // their IPv4 octets, once connected
  bool export_due = false;             // answer the importer once our invitation stands
  MemberId importer = 0;               // who imported them to us (for the Export)
  std::string why_gone;

  /// "user@host" (the host is ours when empty).
  std::string label(const std::string& my_host) const;
};

/// What the controller asks of the session.
class ConferenceActions {
 public:
  virtual ~ConferenceActions() = default;
  /// Start a rendezvous with the member; `ring` false: leave an invitation only.
  virtual void call(const Member& member, bool ring) = 0;
  /// Send an Import/Export/Accept on the member's link.
  virtual void send_pack(MemberId to, const proto::ytalk::Pack& pack) = 0;
  /// Drop the member's rendezvous or link.
  virtual void drop(MemberId id) = 0;
  /// A line for the status line ("carol@hc joined", "bob@hb hung up").
  virtual void tell(const std::string& text) = 0;
};

class Conference {
 public:
  static constexpr int kMaxMembers = 32;

  Conference(ConferenceActions& actions, std::string my_host);

  /// The user adds someone (the command line or the menu): they are rung.
  MemberId add(const std::string& user, const std::string& host);
  /// The member's invitation is at our daemon (their rendezvous now waits for them).
  void on_waiting(MemberId id);
  /// The member's link finished its handshake.
  void on_open(MemberId id, const PeerProgram& program, std::uint32_t pid,
               const std::array<std::uint8_t, 4>& addr);
  /// A packet arrived on the member's link.
  void on_pack(MemberId from, const proto::ytalk::Pack& pack);
  /// The member's link or rendezvous ended; `why` for the status line.
  void on_closed(MemberId id, const std::string& why);
  /// The user hangs up on one member.
  void hang_up(MemberId id);
  /// Rings again everyone we called who has not answered (and those who failed to).
  void rering_unanswered();

  const std::vector<Member>& members() const { return members_; }
  const Member* find(MemberId id) const;
  /// Members still in the conversation (calling, expected or connected).
  int active() const;
  /// One line per member: label, state and program.
  std::vector<std::string> listing() const;
  const std::string& my_host() const { return my_host_; }

 private:
  std::string normalized(const std::string& host) const;
  bool full() const;
  Member* member(MemberId id);
  Member* known(const std::string& user, const std::string& host, std::uint32_t pid);
  proto::ytalk::Pack pack_about(const Member& m, proto::ytalk::Code code) const;
  bool speaks_ytalk(const Member& m) const;

  ConferenceActions& actions_;
  std::string my_host_;
  std::vector<Member> members_;
  MemberId next_id_ = 1;
};

}  // namespace talk::client
