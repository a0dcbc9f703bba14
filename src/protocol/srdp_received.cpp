// ReceivedSeqs: the sliding bitmap of received sequence numbers.
#include "protocol/srdp_received.hpp"

namespace talk::proto::srdp {
namespace {

constexpr std::uint64_t kRoll = 32;  // the window moves a word at a time
constexpr std::size_t kMaxRun = 255;

}  // namespace

bool ReceivedSeqs::seen(std::uint64_t seq) const {
  if (seq < base_) return true;
  if (seq >= base_ + kWindow) return false;
  return bits_.test(static_cast<std::size_t>(seq - base_));
}

bool ReceivedSeqs::mark(std::uint32_t seq) {
  const std::uint64_t value = seq;
  if (value < base_) return false;
  if (value >= base_ + kWindow) {
    const std::uint64_t need = value - (base_ + kWindow) + 1;
    const std::uint64_t shift = (need + kRoll - 1) / kRoll * kRoll;
    if (shift >= kWindow) {
      bits_.reset();
    } else {
      bits_ >>= static_cast<std::size_t>(shift);
    }
    base_ += shift;
  }
  const auto bit = static_cast<std::size_t>(value - base_);
  if (bits_.test(bit)) return false;
  bits_.set(bit);
  return true;
}

void ReceivedSeqs::forget_below(std::uint32_t oldest) {
  const std::uint64_t end = oldest;
  for (std::uint64_t seq = base_; seq < end && seq < base_ + kWindow; ++seq) {
    bits_.set(static_cast<std::size_t>(seq - base_));
  }
}

bool ReceivedSeqs::has_missing(std::uint32_t last) const {
  for (std::uint64_t seq = base_; seq <= last && seq < base_ + kWindow; ++seq) {
    if (!seen(seq)) return true;
  }
  return false;
}

std::vector<MissingRun> ReceivedSeqs::missing(std::uint32_t last, std::size_t max_runs) const {
  std::vector<MissingRun> runs;
  std::uint64_t seq = last;
  if (seq >= base_ + kWindow) seq = base_ + kWindow - 1;
  std::size_t run = 0;
  while (seq >= base_ && seq > 0) {
    if (!seen(seq) && run < kMaxRun && run > 0) {
      ++run;
    } else {
      if (run > 0) {
        runs.back().more = static_cast<std::uint8_t>(run - 1);
        run = 0;
        if (runs.size() == max_runs) return runs;
      }
      if (!seen(seq)) {
        runs.push_back({static_cast<std::uint32_t>(seq), 0});
        run = 1;
      }
    }
    --seq;
  }
  if (run > 0) runs.back().more = static_cast<std::uint8_t>(run - 1);
  return runs;
}

}  // namespace talk::proto::srdp
