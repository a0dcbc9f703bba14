// What a utalk peer has written, as utalk keeps it: logical lines of cells addressed by line and
// column, each cell stamped with the sequence number of the chunk that wrote it, so chunks that
// arrive out of order or twice (and ff 00 truncations) converge to the same text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "protocol/utalk_data.hpp"
#include "talk/pane.hpp"

namespace talk::client {

class UtalkPeerText {
 public:
  static constexpr std::size_t kMaxLines = Pane::kDefaultHistory;  // later lines are ignored
  static constexpr std::size_t kMaxColumns = 4096;                 // later columns are ignored

  /// Applies one UTALK_DATA chunk numbered `seq`. Returns the number of beeps it asked for.
  int apply(const proto::utalk::UtalkData& data, std::uint32_t seq);

  /// Logical lines changed since the last call (1-based), and their glyphs for the pane.
  std::vector<std::uint16_t> take_changed_lines();
  std::vector<Glyph> glyphs(std::uint16_t line, bool utf8) const;
  /// The line's text as ISO-8859-1 (virtual blanks as spaces, deleted cells left out).
  std::string latin1(std::uint16_t line) const;
  std::uint16_t last_line() const { return lines_.empty() ? 0 : lines_.rbegin()->first; }

 private:
  struct Cell {
    std::uint8_t byte = ' ';
    bool written = false;  // false: a virtual blank
    std::uint32_t seq = 0;
  };
  struct Line {
    std::vector<Cell> cells;
    std::uint32_t cut_seq = 0;  // the newest ff 00 on this line and where it cut
    std::size_t cut_at = 0;
    bool cut = false;
  };
  void write(std::uint16_t line, std::size_t column, std::uint8_t byte, std::uint32_t seq);
  void truncate(std::uint16_t line, std::size_t column, std::uint32_t seq);
  Line* line_for(std::uint16_t line);

  std::map<std::uint16_t, Line> lines_;
  std::vector<std::uint16_t> changed_;
};

}  // namespace talk::client
