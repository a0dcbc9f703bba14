// The invitations the gateway has left with talkd, kept in a small state file so that a
// gateway started after a crash deletes them (a callee answering one would find no one).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "platform/endpoint.hpp"

namespace talk::gateway {

struct LeftInvitation {
  std::int64_t written = 0;  // when the line was written (seconds since the epoch)
  std::uint32_t id = 0;      // talkd's id for the request
  std::string jid;           // the XMPP user who rang (bare)
  friend bool operator==(const LeftInvitation&, const LeftInvitation&) = default;
};

/// One "WRITTEN ID JID" line each.
std::string format_left_invitations(const std::vector<LeftInvitation>& left);
/// The well-formed lines of `text` (others are skipped), at most 4096.
std::vector<LeftInvitation> parse_left_invitations(std::string_view text);

/// Sends talkd (from 127.0.0.1, the address they were left from) a DELETE for each
/// invitation written less than `max_age_seconds` before `now`; no answer is awaited.
void delete_left_invitations(const std::vector<LeftInvitation>& left, std::int64_t now,
                             std::int64_t max_age_seconds, const platform::Ipv4Endpoint& talkd);

}  // namespace talk::gateway
