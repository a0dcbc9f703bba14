// Constants of the talk protocols (ntalk and otalk): sizes, ports, timers, request types, answers.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace talk::proto {

inline constexpr std::uint8_t kTalkVersion = 1;

inline constexpr std::size_t kNameSize = 12;      // ntalk l_name / r_name, NUL included
inline constexpr std::size_t kTtySize = 16;       // r_tty, NUL included (both protocols)
inline constexpr std::size_t kOtalkNameSize = 9;  // otalk l_name / r_name, NUL included
inline constexpr std::size_t kAddrSize = 16;      // BSD osockaddr on the wire

inline constexpr std::size_t kCtlMsgSize = 84;        // ntalk CTL_MSG
inline constexpr std::size_t kCtlResponseSize = 24;   // ntalk CTL_RESPONSE
inline constexpr std::size_t kOctlMsgSize = 76;       // otalk OCTL_MSG
inline constexpr std::size_t kOctlResponseSize = 24;  // otalk OCTL_RESPONSE

inline constexpr std::uint16_t kNtalkPort = 518;  // service "ntalk"
inline constexpr std::uint16_t kOtalkPort = 517;  // service "talk"
inline constexpr std::uint16_t kAfInet = 2;       // AF_INET as carried in the family field

/// Invitation ids run 1..kMaxId-1, wrap, and never take 0.
inline constexpr std::uint32_t kMaxId = 16000;

/// Longest time a daemon keeps an invitation after its last refresh.
inline constexpr std::chrono::seconds kMaxLife{60};
/// Time between re-rings by a waiting caller.
inline constexpr std::chrono::seconds kRingWait{30};
/// The classic client's per-request wait before it resends.
inline constexpr std::chrono::seconds kCtlWait{2};
/// The classic daemon's idle exit under inetd.
inline constexpr std::chrono::seconds kMaxIdle{120};

enum class RequestType : std::uint8_t {
  LeaveInvite = 0,
  LookUp = 1,
  Delete = 2,
  Announce = 3,
};

/// Answer codes of CTL_RESPONSE. Values beyond BadCtlAddr may arrive from the network and
/// are kept as they are (the enum's underlying type holds any byte).
enum class Answer : std::uint8_t {
  Success = 0,
  NotHere = 1,
  Failed = 2,
  MachineUnknown = 3,
  PermissionDenied = 4,
  UnknownRequest = 5,
  BadVersion = 6,
  BadAddr = 7,
  BadCtlAddr = 8,
};

/// The highest answer code otalk defines (no version or address answers there).
inline constexpr Answer kLastOtalkAnswer = Answer::UnknownRequest;

/// True for the four request types of the protocol.
constexpr bool is_known_request_type(std::uint8_t type) {
  return type <= 3;
}

}  // namespace talk::proto
