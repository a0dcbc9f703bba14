// The user's edits as utalk's UTALK_DATA chunks: characters at line and column in ISO-8859-1,
// erase, word erase and kill as ff 00 truncations, Enter as a move to the next line, the bell as
// ff 07, a topic as UTALK_TOPIC. It mirrors my pane glyph by glyph, so what the peer shows
// matches what I see, and counts what ISO-8859-1 cannot carry (never sent).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "protocol/srdp.hpp"
#include "talk/peer_link.hpp"

namespace talk::client {

class UtalkEditEncoder {
 public:
  /// `utf8`: the user's text is UTF-8; otherwise it is taken as ISO-8859-1 already.
  explicit UtalkEditEncoder(bool utf8) : utf8_(utf8) {}

  /// The chunks for `edits` (unnumbered). `unsent` grows by the characters left out.
  std::vector<proto::srdp::Chunk> encode(const std::vector<UserEdit>& edits, std::size_t& unsent);

  std::uint16_t line() const { return static_cast<std::uint16_t>(line_number_); }
  std::uint16_t column() const;

 private:
  // One glyph of my pane: the ISO-8859-1 bytes it became on the wire (empty: not sent).
  using Element = std::string;
  void add_text(const std::string& text, std::vector<proto::srdp::Chunk>& out, std::size_t& unsent);
  void add_element(Element element, std::vector<proto::srdp::Chunk>& out, std::size_t& unsent);
  void cut_to(std::size_t elements, std::vector<proto::srdp::Chunk>& out);
  std::size_t column_of(std::size_t elements) const;

  bool utf8_;
  std::size_t line_number_ = 1;
  std::vector<Element> line_;
  bool run_ = false;  // the last chunk of `out` is text that may still grow
};

}  // namespace talk::client
