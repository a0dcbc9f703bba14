// Host names of callers without blocking: remembered for a while, looked up in the background
// when unknown, so a slow DNS server holds up only the announcements that need its answer.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "platform/clock.hpp"
#include "platform/name_lookups.hpp"
#include "platform/resolver.hpp"

namespace talk::talkd {

class CachingResolver final : public platform::Resolver {
 public:
  /// Locality comes from `local` (cached); names from `lookups`, collected by the loop.
  CachingResolver(platform::Resolver& local, platform::NameLookups& lookups,
                  const platform::Clock& clock,
                  std::chrono::steady_clock::duration ttl = std::chrono::minutes(5),
                  std::size_t max_entries = 1024);

  /// The remembered name; otherwise the dotted address, and a lookup is started.
  std::string verified_name(std::uint32_t ipv4) override;
  bool is_local_address(std::uint32_t ipv4) override;
  /// True when a fresh name is remembered; otherwise starts its lookup (once) and is false.
  bool name_ready(std::uint32_t ipv4) override;

  /// Readable when lookups have finished.
  int fd() const { return lookups_.fd(); }
  /// Remembers the finished lookups; returns the addresses whose names are now known.
  std::vector<std::uint32_t> collect();
  /// The lookup of `ipv4` took too long: its address stands for its name until the answer comes.
  void give_up(std::uint32_t ipv4);

 private:
  struct Entry {
    std::string name;
    std::chrono::steady_clock::time_point stored;
  };
  const Entry* fresh(std::uint32_t ipv4) const;
  void remember(std::uint32_t ipv4, std::string name);

  platform::Resolver& local_;
  platform::NameLookups& lookups_;
  const platform::Clock& clock_;
  std::chrono::steady_clock::duration ttl_;
  std::size_t max_entries_;
  std::unordered_map<std::uint32_t, Entry> names_;
  std::unordered_set<std::uint32_t> in_flight_;
  std::unordered_map<std::uint32_t, std::pair<bool, std::chrono::steady_clock::time_point>>
      locality_;
};

}  // namespace talk::talkd
