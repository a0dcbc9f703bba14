// Conference: members, and ytalk's Import -> Export -> Accept brokering between them.
#include "talk/conference.hpp"

#include <algorithm>

namespace talk::client {
namespace yt = proto::ytalk;

std::string Member::label(const std::string& my_host) const {
  return user + "@" + (host.empty() ? my_host : host);
}

// This machine under the names a member may give it: ours, localhost, the loopback address.
std::string Conference::normalized(const std::string& host) const {
  if (host == my_host_ || host == "localhost" || host == "127.0.0.1") return {};
  return host;
}

Conference::Conference(ConferenceActions& actions, std::string my_host)
    : actions_(actions), my_host_(std::move(my_host)) {}

Member* Conference::member(MemberId id) {
  for (auto& m : members_) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

const Member* Conference::find(MemberId id) const {
  for (const auto& m : members_) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

bool Conference::full() const {
  return active() >= kMaxMembers;
}

int Conference::active() const {
  return static_cast<int>(std::count_if(members_.begin(), members_.end(), [](const Member& m) {
    return m.state != MemberState::Gone;
  }));
}

// The same person: same login on the same host and, when both are known, the same ytalk pid
// (two sessions of one login are two members, as in ytalk).
Member* Conference::known(const std::string& user, const std::string& host, std::uint32_t pid) {
  for (auto& m : members_) {
    if (m.state == MemberState::Gone || m.user != user || m.host != host) continue;
    if (pid != 0 && m.pid != 0 && m.pid != pid) continue;
    return &m;
  }
  return nullptr;
}

bool Conference::speaks_ytalk(const Member& m) const {
  return m.state == MemberState::Connected && m.program.kind == PeerProgram::Kind::Ytalk &&
         m.program.vmajor >= 3;
}

MemberId Conference::add(const std::string& user, const std::string& host) {
  const std::string where = normalized(host);
  if (const Member* m = known(user, where, 0)) return m->id;
  Member m;
  m.id = next_id_++;
  m.user = user;
  m.host = where;
  m.state = MemberState::Calling;
  members_.push_back(m);
  actions_.call(members_.back(), true);
  return m.id;
}

void Conference::on_waiting(MemberId id) {
  Member* m = member(id);
  if (m == nullptr || !m->export_due) return;
  m->export_due = false;
  const Member* importer = find(m->importer);
  if (importer != nullptr && importer->state == MemberState::Connected) {
    yt::Pack pack = pack_about(*m, yt::Code::Export);
    actions_.send_pack(importer->id, pack);
  }
}

void Conference::on_open(MemberId id, const PeerProgram& program, std::uint32_t pid,
                         const std::array<std::uint8_t, 4>& addr) {
  Member* m = member(id);
  if (m == nullptr) return;
  m->state = MemberState::Connected;
  m->program = program;
  m->pid = pid;
  m->addr = addr;
  m->export_due = false;
  actions_.tell(m->label(my_host_) + " joined (" + program.describe() + ")");
  if (!speaks_ytalk(*m)) return;  // classic peers are never exported
  const yt::Pack import = pack_about(*m, yt::Code::Import);
  for (const auto& other : members_) {
    if (other.id != id && speaks_ytalk(other)) actions_.send_pack(other.id, import);
  }
}

void Conference::on_pack(MemberId from, const yt::Pack& pack) {
  Member* sender = member(from);
  if (sender == nullptr || pack.name.empty()) return;
  const std::string host = normalized(pack.host);
  switch (pack.code) {
    case yt::Code::Import: {
      if (known(pack.name, host, pack.pid) != nullptr) return;  // already with us
      if (full()) {
        actions_.tell("too many people: " + pack.name + " not added");
        return;
      }
      Member m;
      m.id = next_id_++;
      m.user = pack.name;
      m.host = host;
      m.pid = pack.pid;
      m.addr = yt::reversed_octets(pack.host_addr);  // as the importer knew it
      m.state = MemberState::Expecting;
      m.export_due = true;
      m.importer = from;
      members_.push_back(m);
      actions_.call(members_.back(), false);
      return;
    }
    case yt::Code::Export: {
      // The importer waits for the newcomer: tell the newcomer to connect to the importer.
      Member* newcomer = known(pack.name, host, pack.pid);
      if (newcomer == nullptr || !speaks_ytalk(*newcomer)) return;
      actions_.send_pack(newcomer->id, pack_about(*sender, yt::Code::Accept));
      return;
    }
    case yt::Code::Accept: {
      if (known(pack.name, host, pack.pid) != nullptr || full()) return;
      Member m;
      m.id = next_id_++;
      m.user = pack.name;
      m.host = host;
      m.pid = pack.pid;
      m.state = MemberState::Calling;
      members_.push_back(m);
      // The importer's invitation waits for us: look it up and connect. Unlike ytalk, never
      // ring on a member's word; if the lookup misses, our own invitation (checked for theirs
      // while it stands) meets them.
      actions_.call(members_.back(), false);
      return;
    }
    default:
      return;
  }
}

void Conference::on_closed(MemberId id, const std::string& why) {
  Member* m = member(id);
  if (m == nullptr || m->state == MemberState::Gone) return;
  m->state = MemberState::Gone;
  m->why_gone = why;
  actions_.tell(m->label(my_host_) + ": " + why);
}

void Conference::hang_up(MemberId id) {
  Member* m = member(id);
  if (m == nullptr || m->state == MemberState::Gone) return;
  actions_.drop(id);
  on_closed(id, "hung up");
}

void Conference::rering_unanswered() {
  for (auto& m : members_) {
    const bool unanswered =
        m.state == MemberState::Calling ||
        (m.state == MemberState::Gone && m.program.kind == PeerProgram::Kind::Unknown);
    if (!unanswered) continue;
    actions_.drop(m.id);
    m.state = MemberState::Calling;
    m.why_gone.clear();
    actions_.call(m, true);
  }
}

yt::Pack Conference::pack_about(const Member& m, yt::Code code) const {
  yt::Pack pack;
  pack.code = code;
  // A little-endian ytalk sends its address octets reversed; ytalk only uses them when the
  // host name does not resolve.
  pack.host_addr = yt::reversed_octets(m.addr);
  pack.pid = m.pid;
  pack.name = m.user.substr(0, yt::kNameSize);
  pack.host = (m.host.empty() ? my_host_ : m.host).substr(0, yt::kHostSize - 1);
  return pack;
}

std::vector<std::string> Conference::listing() const {
  std::vector<std::string> lines;
  for (const auto& m : members_) {
    std::string state;
    switch (m.state) {
      case MemberState::Calling:
        state = "ringing";
        break;
      case MemberState::Expecting:
        state = "expected";
        break;
      case MemberState::Connected:
        state = "connected";
        break;
      case MemberState::Gone:
        state = "gone (" + m.why_gone + ")";
        break;
    }
    std::string line = m.label(my_host_) + ": " + state;
    if (m.program.kind != PeerProgram::Kind::Unknown) line += ", " + m.program.describe();
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace talk::client
