// Remembers verified host names for a while, so a slow DNS server costs one lookup per caller
// host rather than one per announcement.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "platform/clock.hpp"
#include "platform/resolver.hpp"

namespace talk::talkd {

class CachingResolver final : public platform::Resolver {
 public:
  CachingResolver(platform::Resolver& inner, const platform::Clock& clock,
                  std::chrono::steady_clock::duration ttl = std::chrono::minutes(5),
                  std::size_t max_entries = 1024);

  std::string verified_name(std::uint32_t ipv4) override;
  bool is_local_address(std::uint32_t ipv4) override;

 private:
  struct Entry {
    std::string name;
    std::chrono::steady_clock::time_point stored;
  };
  platform::Resolver& inner_;
  const platform::Clock& clock_;
  std::chrono::steady_clock::duration ttl_;
  std::size_t max_entries_;
  std::unordered_map<std::uint32_t, Entry> names_;
  std::unordered_map<std::uint32_t, std::pair<bool, std::chrono::steady_clock::time_point>> local_;
};

}  // namespace talk::talkd
