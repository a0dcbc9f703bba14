// Which sequence numbers an SRDP receiver has seen: utalk's bitmap of the last 2048 numbers,
// and the missing list (MISSLST runs) it implies.
#pragma once

#include <bitset>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "protocol/srdp.hpp"

namespace talk::proto::srdp {

class ReceivedSeqs {
 public:
  static constexpr std::size_t kWindow = 2048;  // 64 words of 32 bits, as utalk keeps

  /// Records `seq`; returns false when it was seen already or is older than the window.
  bool mark(std::uint32_t seq);
  /// Counts every number below `oldest` as received (the peer cannot resend them: OLDEST).
  void forget_below(std::uint32_t oldest);
  /// Whether a number up to `last` inside the window was never received.
  bool has_missing(std::uint32_t last) const;
  /// The runs of missing numbers up to `last`, newest first, at most `max_runs` of them,
  /// each at most 255 long (utalk's count byte).
  std::vector<MissingRun> missing(std::uint32_t last, std::size_t max_runs) const;
  std::uint64_t base() const { return base_; }

 private:
  bool seen(std::uint64_t seq) const;
  std::uint64_t base_ = 1;  // the number of bit 0
  std::bitset<kWindow> bits_;
};

}  // namespace talk::proto::srdp
