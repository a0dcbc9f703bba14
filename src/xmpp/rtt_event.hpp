// XEP-0301 real-time text as values: one <rtt/> element is an event type, a sequence number
// and the edit actions it carries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace talk::xmpp {

inline constexpr std::string_view kRttNamespace = "urn:xmpp:rtt:0";

enum class RttEventType : std::uint8_t { New, Reset, Edit, Init, Cancel };

/// <t p='position'>text</t>: insert `text` (UTF-8) before code point `position`; no position
/// means at the end of the line.
struct RttInsert {
  std::optional<std::size_t> position;
  std::string text;
  friend bool operator==(const RttInsert&, const RttInsert&) = default;
};

/// <e p='position' n='count'/>: erase `count` code points before `position` (default: the end).
struct RttErase {
  std::optional<std::size_t> position;
  std::size_t count = 1;
  friend bool operator==(const RttErase&, const RttErase&) = default;
};

/// <w n='milliseconds'/>: a pause in the sender's typing (shown without the pause here).
struct RttWait {
  std::uint32_t milliseconds = 0;
  friend bool operator==(const RttWait&, const RttWait&) = default;
};

using RttAction = std::variant<RttInsert, RttErase, RttWait>;

struct RttEvent {
  RttEventType type = RttEventType::Edit;
  std::uint32_t seq = 0;
  std::vector<RttAction> actions;
  friend bool operator==(const RttEvent&, const RttEvent&) = default;
};

std::string_view rtt_event_name(RttEventType type);
std::optional<RttEventType> rtt_event_from_name(std::string_view name);

/// Limits for what a peer may make us hold: the length of the line being typed (code points) and
/// the number of actions one <rtt/> may carry (the rest are dropped).
inline constexpr std::size_t kMaxRttLine = 4096;
inline constexpr std::size_t kMaxRttActions = 256;

}  // namespace talk::xmpp
