// CachingResolver: a bounded map per question, entries valid for a fixed time.
#include "talkd/caching_resolver.hpp"

namespace talk::talkd {

CachingResolver::CachingResolver(platform::Resolver& inner, const platform::Clock& clock,
                                 std::chrono::steady_clock::duration ttl, std::size_t max_entries)
    : inner_(inner), clock_(clock), ttl_(ttl), max_entries_(max_entries) {}

std::string CachingResolver::verified_name(std::uint32_t ipv4) {
  const auto now = clock_.steady_now();
  const auto found = names_.find(ipv4);
  if (found != names_.end() && now - found->second.stored < ttl_) return found->second.name;
  if (names_.size() >= max_entries_) names_.clear();  // simple and bounded
  std::string name = inner_.verified_name(ipv4);
  names_[ipv4] = {name, now};
  return name;
}

bool CachingResolver::is_local_address(std::uint32_t ipv4) {
  const auto now = clock_.steady_now();
  const auto found = local_.find(ipv4);
  if (found != local_.end() && now - found->second.second < ttl_) return found->second.first;
  if (local_.size() >= max_entries_) local_.clear();
  const bool local = inner_.is_local_address(ipv4);
  local_[ipv4] = {local, now};
  return local;
}

}  // namespace talk::talkd
