// One SRDP connection as a pure state machine with an injected clock: it numbers and keeps what
// we send, resends on CURRENT and MISSLST, tracks what we received, runs utalk's CURRENT and
// ALIVE timers, and closes on CLOSE or DROP. The caller moves the datagrams (and locks the peer's
// address); this class only sees bytes and times.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "protocol/srdp.hpp"
#include "protocol/srdp_received.hpp"

namespace talk::proto::srdp {

using Time = std::chrono::steady_clock::time_point;
using std::chrono::milliseconds;

/// utalk's values (init_comm overrides the library defaults for the first five).
struct Settings {
  milliseconds current_first{4000};  // CURRENT after this long without hearing the peer
  milliseconds current_next{5000};   // ... then again every this long while unanswered
  milliseconds missing_gap{3000};    // at least this long between two MISSLSTs
  milliseconds oldest_gap{5000};     // at least this long between two OLDESTs
  milliseconds alive{8000};          // ALIVE after this long without sending anything
  milliseconds broken{30000};        // the link counts as broken after this long in silence
  std::size_t max_packet = kMaxPacket;
  std::size_t send_list_bytes = 131072;  // the oldest sent chunks are forgotten beyond this
};

struct Counters {
  std::uint64_t malformed = 0;   // datagrams dropped as not SRDP
  std::uint64_t duplicates = 0;  // sequenced chunks seen before
  std::uint64_t resent = 0;      // chunks sent again on request
};

class Session {
 public:
  /// `peer_known`: false for a server waiting for its first packet; until then nothing is sent
  /// (data is kept and sent when the peer shows up).
  Session(Settings settings, bool peer_known, Time now);

  /// Asks the peer for anything we missed: CURRENT, and MISSLST when something is missing.
  void resynch(Time now);
  /// Sends a PING (the peer answers at once with a PINGREP: a probe for an SRDP peer).
  void ping(std::span<const std::uint8_t> payload, Time now);
  /// Numbers a sequenced chunk, keeps it for resending and sends it alone at once.
  void send(Chunk chunk, Time now);
  /// A datagram from the peer. Returns false (and counts it) when it is not SRDP.
  bool on_datagram(std::span<const std::uint8_t> datagram, Time now);
  void on_timer(Time now);
  std::optional<Time> next_deadline() const;
  /// Drops the connection: three DROPs, then closed.
  void drop();

  /// Datagrams to send, in order.
  std::vector<std::vector<std::uint8_t>> take_datagrams();
  /// Chunks for the application, in arrival order: new sequenced ones and non-control ones.
  std::vector<Chunk> take_chunks();

  bool peer_known() const { return peer_known_; }
  bool closed() const { return closed_; }
  bool closed_by_peer() const { return closed_by_peer_; }
  bool broken(Time now) const { return now - last_heard_ >= settings_.broken; }
  bool heard_anything() const { return heard_; }
  const Counters& counters() const { return counters_; }
  std::uint32_t next_seq() const { return next_seq_; }
  std::uint32_t current_seq() const { return current_seq_; }

 private:
  void add(const Chunk& chunk);
  void flush();
  void send_current(bool force, Time now);
  void add_missing_list(Time now);
  void resend_after(std::uint32_t seq);
  void resend_missing(const Chunk& list, Time now);
  void handle(const Chunk& chunk, Time now, bool& had_data);
  bool can_send() const { return peer_known_ && !closed_; }

  Settings settings_;
  bool peer_known_;
  bool closed_ = false;
  bool closed_by_peer_ = false;
  bool heard_ = false;
  std::uint32_t next_seq_ = 1;
  std::uint32_t current_seq_ = 0;
  ReceivedSeqs received_;
  std::deque<Chunk> sent_;
  std::size_t sent_bytes_ = 0;
  Time last_heard_;
  Time last_sent_;
  Time last_current_;
  bool current_sent_ = false;
  std::optional<Time> last_missing_;
  std::optional<Time> last_oldest_;
  std::vector<std::uint8_t> building_;
  std::vector<std::vector<std::uint8_t>> datagrams_;
  std::vector<Chunk> chunks_;
  Counters counters_;
};

}  // namespace talk::proto::srdp
