// The daemon's table of invitations: indexed by name pair and by id, expiring MAX_LIFE after
// the last refresh, cheap at 100,000 live entries.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/clock.hpp"
#include "protocol/messages.hpp"

namespace talk::talkd {

/// One stored request (LEAVE_INVITE or ANNOUNCE).
struct Invitation {
  std::uint32_t id = 0;
  proto::RequestType type = proto::RequestType::LeaveInvite;
  std::string l_name;
  std::string r_name;
  std::string r_tty;
  std::int32_t pid = 0;
  proto::TalkAddr addr;
  std::uint32_t origin = 0;  // source address of the request that made it (host order)
  std::chrono::steady_clock::time_point refreshed;
};

struct TableLimits {
  std::chrono::steady_clock::duration max_life = std::chrono::seconds(60);
  std::size_t max_entries = 100000;    // the oldest entry is dropped beyond this
  std::size_t max_per_name_pair = 32;  // likewise per (l_name, r_name)
};

class InvitationTable {
 public:
  InvitationTable(const platform::Clock& clock, TableLimits limits);

  /// The entry with the same names, type and pid (duplicate detection), refreshed; or null.
  Invitation* find_request(const std::string& l_name, const std::string& r_name,
                           proto::RequestType type, std::int32_t pid);
  /// The newest LEAVE_INVITE from `caller` to `callee` (what a LOOK_UP by `callee` finds).
  const Invitation* find_invite(const std::string& caller, const std::string& callee);
  /// Stores a new entry under a fresh id and returns it.
  Invitation& insert(Invitation entry);
  /// Gives an existing entry a fresh id (an explicit re-announce).
  void renew_id(Invitation& entry);
  /// Removes the newest entry with `id` made from `origin`. False when there is none.
  bool erase(std::uint32_t id, std::uint32_t origin) { return take(id, origin).has_value(); }
  /// Like erase(), returning the removed entry.
  std::optional<Invitation> take(std::uint32_t id, std::uint32_t origin);
  /// True when some live entry has `id` (from any host).
  bool contains_id(std::uint32_t id);
  /// Drops every entry whose last refresh is MAX_LIFE or more ago.
  void expire();
  /// Time until the oldest entry expires (for the poll timeout); max() when empty.
  std::chrono::steady_clock::duration time_to_next_expiry() const;

  std::size_t size() const { return entries_.size(); }

 private:
  using Entries = std::list<Invitation>;  // oldest refresh first
  using Iter = Entries::iterator;
  struct PairHash {
    std::size_t operator()(const std::pair<std::string, std::string>& key) const;
  };

  std::uint32_t next_free_id();
  void remove(Iter it);
  void touch(Iter it);
  void use_id(std::uint32_t id);
  void release_id(std::uint32_t id);
  /// Drops `it` from the id index and releases its id.
  void unindex_id(Iter it);
  Iter find_iter(const Invitation* entry);

  const platform::Clock& clock_;
  TableLimits limits_;
  Entries entries_;
  std::unordered_map<std::pair<std::string, std::string>, std::vector<Iter>, PairHash> by_names_;
  std::unordered_multimap<std::uint32_t, Iter> by_id_;
  std::vector<std::uint32_t> id_use_;  // live entries per id
  std::uint32_t distinct_ids_ = 0;     // ids with at least one live entry
  std::uint32_t last_id_ = 0;
};

}  // namespace talk::talkd
