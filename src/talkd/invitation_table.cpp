// InvitationTable: a refresh-ordered list with hash indexes by name pair and by id.
#include "talkd/invitation_table.hpp"

#include <algorithm>
#include <functional>

namespace talk::talkd {

std::size_t InvitationTable::PairHash::operator()(
    const std::pair<std::string, std::string>& key) const {
  const std::size_t a = std::hash<std::string>{}(key.first);
  const std::size_t b = std::hash<std::string>{}(key.second);
  return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
}

InvitationTable::InvitationTable(const platform::Clock& clock, TableLimits limits)
    : clock_(clock), limits_(limits), id_use_(proto::kMaxId, 0) {}

Invitation* InvitationTable::find_request(const std::string& l_name, const std::string& r_name,
                                          proto::RequestType type, std::int32_t pid) {
  expire();
  const auto found = by_names_.find({l_name, r_name});
  if (found == by_names_.end()) return nullptr;
  const auto& list = found->second;
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    if ((*it)->type == type && (*it)->pid == pid) {
      const Iter entry = *it;
      touch(entry);
      return &*entry;
    }
  }
  return nullptr;
}

const Invitation* InvitationTable::find_invite(const std::string& caller,
                                               const std::string& callee) {
  expire();
  const auto found = by_names_.find({caller, callee});
  if (found == by_names_.end()) return nullptr;
  const auto& list = found->second;
  for (auto it = list.rbegin(); it != list.rend(); ++it) {
    if ((*it)->type == proto::RequestType::LeaveInvite) return &**it;
  }
  return nullptr;
}

Invitation& InvitationTable::insert(Invitation entry) {
  expire();
  auto& pair_list = by_names_[{entry.l_name, entry.r_name}];
  if (pair_list.size() >= limits_.max_per_name_pair) {
    remove(pair_list.front());  // may not invalidate pair_list: the key stays while non-empty
  }
  if (entries_.size() >= limits_.max_entries && !entries_.empty()) remove(entries_.begin());
  entry.id = next_free_id();
  entry.refreshed = clock_.steady_now();
  entries_.push_back(std::move(entry));
  const Iter it = std::prev(entries_.end());
  by_names_[{it->l_name, it->r_name}].push_back(it);
  by_id_.emplace(it->id, it);
  use_id(it->id);
  return *it;
}

void InvitationTable::renew_id(Invitation& entry) {
  const Iter it = find_iter(&entry);
  if (it == entries_.end()) return;
  unindex_id(it);
  it->id = next_free_id();
  by_id_.emplace(it->id, it);
  use_id(it->id);
  touch(it);
}

std::optional<Invitation> InvitationTable::take(std::uint32_t id, std::uint32_t origin) {
  expire();
  auto range = by_id_.equal_range(id);
  Iter newest = entries_.end();
  for (auto i = range.first; i != range.second; ++i) {
    if (i->second->origin != origin) continue;
    // The newest insertion wins; iterators do not compare by age, so compare refresh times.
    if (newest == entries_.end() || i->second->refreshed >= newest->refreshed) newest = i->second;
  }
  if (newest == entries_.end()) return std::nullopt;
  Invitation taken = *newest;
  remove(newest);
  return taken;
}

bool InvitationTable::contains_id(std::uint32_t id) {
  expire();
  return id < id_use_.size() && id_use_[id] > 0;
}

void InvitationTable::expire() {
  const auto now = clock_.steady_now();
  while (!entries_.empty() && now - entries_.front().refreshed >= limits_.max_life) {
    remove(entries_.begin());
  }
}

std::chrono::steady_clock::duration InvitationTable::time_to_next_expiry() const {
  if (entries_.empty()) return std::chrono::steady_clock::duration::max();
  const auto age = clock_.steady_now() - entries_.front().refreshed;
  return age >= limits_.max_life ? std::chrono::steady_clock::duration::zero()
                                 : limits_.max_life - age;
}

std::uint32_t InvitationTable::next_free_id() {
  // Ids 1..kMaxId-1 in turn, skipping 0 and ids in use. When every id is taken (more than
  // 15999 live entries) ids are shared; DELETE then removes the newest holder from its host.
  const std::uint32_t span = proto::kMaxId - 1;
  for (std::uint32_t tries = 0; distinct_ids_ < span && tries < span; ++tries) {
    last_id_ = last_id_ % span + 1;
    if (id_use_[last_id_] == 0) return last_id_;
  }
  last_id_ = last_id_ % span + 1;
  return last_id_;
}

void InvitationTable::remove(Iter it) {
  const auto names = by_names_.find({it->l_name, it->r_name});
  if (names != by_names_.end()) {
    auto& list = names->second;
    list.erase(std::remove(list.begin(), list.end(), it), list.end());
    if (list.empty()) by_names_.erase(names);
  }
  unindex_id(it);
  entries_.erase(it);
}

void InvitationTable::use_id(std::uint32_t id) {
  if (id_use_[id]++ == 0) ++distinct_ids_;
}

void InvitationTable::release_id(std::uint32_t id) {
  if (--id_use_[id] == 0) --distinct_ids_;
}

void InvitationTable::unindex_id(Iter it) {
  auto range = by_id_.equal_range(it->id);
  for (auto i = range.first; i != range.second; ++i) {
    if (i->second == it) {
      by_id_.erase(i);
      break;
    }
  }
  release_id(it->id);
}

void InvitationTable::touch(Iter it) {
  it->refreshed = clock_.steady_now();
  entries_.splice(entries_.end(), entries_, it);
}

InvitationTable::Iter InvitationTable::find_iter(const Invitation* entry) {
  auto range = by_id_.equal_range(entry->id);
  for (auto i = range.first; i != range.second; ++i) {
    if (&*i->second == entry) return i->second;
  }
  return entries_.end();
}

}  // namespace talk::talkd
