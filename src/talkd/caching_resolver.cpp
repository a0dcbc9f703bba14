// CachingResolver: a bounded map of names valid for a fixed time, fed by background lookups.
#include "talkd/caching_resolver.hpp"

#include "platform/endpoint.hpp"

namespace talk::talkd {

CachingResolver::CachingResolver(platform::Resolver& local, platform::NameLookups& lookups,
                                 const platform::Clock& clock,
                                 std::chrono::steady_clock::duration ttl, std::size_t max_entries)
    : local_(local), lookups_(lookups), clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

const CachingResolver::Entry* CachingResolver::fresh(std::uint32_t ipv4) const {
  const auto found = names_.find(ipv4);
  if (found == names_.end() || clock_.steady_now() - found->second.stored >= ttl_) return nullptr;
  return &found->second;
}

void CachingResolver::remember(std::uint32_t ipv4, std::string name) {
  if (names_.size() >= max_entries_ && names_.find(ipv4) == names_.end()) {
    names_.clear();  // simple and bounded
  }
  names_[ipv4] = {std::move(name), clock_.steady_now()};
}

bool CachingResolver::name_ready(std::uint32_t ipv4) {
  if (fresh(ipv4) != nullptr) return true;
  if (in_flight_.size() < max_entries_ && in_flight_.insert(ipv4).second) lookups_.start(ipv4);
  return false;
}

std::string CachingResolver::verified_name(std::uint32_t ipv4) {
  if (const Entry* entry = fresh(ipv4)) return entry->name;
  (void)name_ready(ipv4);
  return platform::format_ipv4(ipv4);
}

std::vector<std::uint32_t> CachingResolver::collect() {
  std::vector<std::uint32_t> known;
  for (platform::NameAnswer& answer : lookups_.collect()) {
    in_flight_.erase(answer.ipv4);
    remember(answer.ipv4, std::move(answer.name));
    known.push_back(answer.ipv4);
  }
  return known;
}

void CachingResolver::give_up(std::uint32_t ipv4) {
  // The lookup stays in flight: when it finishes, its name replaces the address.
  if (fresh(ipv4) == nullptr) remember(ipv4, platform::format_ipv4(ipv4));
}

bool CachingResolver::is_local_address(std::uint32_t ipv4) {
  const auto now = clock_.steady_now();
  const auto found = locality_.find(ipv4);
  if (found != locality_.end() && now - found->second.second < ttl_) return found->second.first;
  if (locality_.size() >= max_entries_) locality_.clear();
  const bool local = local_.is_local_address(ipv4);
  locality_[ipv4] = {local, now};
  return local;
}

}  // namespace talk::talkd
