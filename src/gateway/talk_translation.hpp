// Between a classic talk stream and a chat: the talk peer's bytes as editing actions (read
// with the peer's own edit characters), and a chat line's talk bytes made safe for a classic
// screen.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace talk::gateway {

/// The edit characters the gateway announces to its talk peer, and uses in what it sends.
inline constexpr std::uint8_t kGatewayErase = 0x7f;
inline constexpr std::uint8_t kGatewayKill = 0x15;       // ^U
inline constexpr std::uint8_t kGatewayWordErase = 0x17;  // ^W

struct TalkEdit {
  enum class Kind : std::uint8_t { Text, Erase, WordErase, Kill, Newline };
  Kind kind = Kind::Text;
  std::string text;  // Kind::Text: printable bytes (UTF-8 or not, as the peer sent them)
  friend bool operator==(const TalkEdit&, const TalkEdit&) = default;
};

class TalkInput {
 public:
  void set_edit_chars(std::uint8_t erase, std::uint8_t kill, std::uint8_t word_erase);
  /// The actions in `bytes`: text runs, the three edit characters, newline (CR too); tab is a
  /// space; other control characters are dropped.
  std::vector<TalkEdit> feed(std::span<const std::uint8_t> bytes);

 private:
  std::uint8_t erase_ = 0x7f;
  std::uint8_t kill_ = 0x15;
  std::uint8_t word_erase_ = 0x17;
};

/// Talk bytes made from chat text (UTF-8 text, kGatewayErase, newline) for a classic screen:
/// with `utf8` false every code point beyond ASCII becomes one '?', so erases still count.
/// Control bytes other than newline and the erase are dropped.
std::string talk_safe_bytes(std::string_view bytes, bool utf8);

/// A line of text for a classic screen (a notice from the gateway): printable ASCII only.
std::string talk_notice(std::string_view text);

}  // namespace talk::gateway
