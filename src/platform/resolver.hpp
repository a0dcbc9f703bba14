// The name seam: host names for addresses (verified both ways), locality, local host name.
#pragma once

#include <cstdint>
#include <string>

namespace talk::platform {

class Resolver {
 public:
  virtual ~Resolver() = default;
  /// The reverse-DNS name of `ipv4` (host order) when that name resolves back to the same
  /// address; otherwise the dotted address. Never empty.
  virtual std::string verified_name(std::uint32_t ipv4) = 0;
  /// True when `ipv4` is an address of this host (loopback included).
  virtual bool is_local_address(std::uint32_t ipv4) = 0;
  /// False while the name of `ipv4` is still being looked up (verified_name would answer with
  /// the address meanwhile); a resolver that answers at once is always ready.
  virtual bool name_ready(std::uint32_t /*ipv4*/) { return true; }
};

/// getnameinfo/getaddrinfo and a bind test for locality.
class SystemResolver final : public Resolver {
 public:
  std::string verified_name(std::uint32_t ipv4) override;
  bool is_local_address(std::uint32_t ipv4) override;
};

/// gethostname(), or "localhost" when it fails.
std::string local_host_name();

}  // namespace talk::platform
