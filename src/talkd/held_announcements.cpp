// HeldAnnouncements: a small list in arrival order; retransmissions are recognised by source
// and content.
#include "talkd/held_announcements.hpp"

#include <algorithm>

namespace talk::talkd {

bool HeldAnnouncements::hold(HeldRequest request) {
  const bool already = std::any_of(held_.begin(), held_.end(), [&](const HeldRequest& held) {
    return held.source == request.source && held.msg == request.msg && held.wire == request.wire;
  });
  if (already) return true;
  if (held_.size() >= capacity_) return false;
  held_.push_back(std::move(request));
  return true;
}

std::vector<HeldRequest> HeldAnnouncements::release(std::uint32_t ipv4) {
  std::vector<HeldRequest> released;
  auto kept = held_.begin();
  for (auto it = held_.begin(); it != held_.end(); ++it) {
    if (it->source.address == ipv4) {
      released.push_back(std::move(*it));
    } else {
      if (kept != it) *kept = std::move(*it);
      ++kept;
    }
  }
  held_.erase(kept, held_.end());
  return released;
}

std::optional<std::uint32_t> HeldAnnouncements::first_due(
    std::chrono::steady_clock::time_point now) const {
  for (const HeldRequest& held : held_) {
    if (held.deadline <= now) return held.source.address;
  }
  return std::nullopt;
}

std::chrono::steady_clock::time_point HeldAnnouncements::next_deadline() const {
  auto next = std::chrono::steady_clock::time_point::max();
  for (const HeldRequest& held : held_) next = std::min(next, held.deadline);
  return next;
}

}  // namespace talk::talkd
