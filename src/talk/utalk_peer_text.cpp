// UtalkPeerText: cells, sequence numbers and truncations of a utalk peer's text.
#include "talk/utalk_peer_text.hpp"

#include <algorithm>
#include <utility>

#include "talk/text_feeder.hpp"

namespace talk::client {

UtalkPeerText::Line* UtalkPeerText::line_for(std::uint16_t line) {
  if (line == 0 || line > kMaxLines) return nullptr;
  if (changed_.empty() || changed_.back() != line) changed_.push_back(line);
  return &lines_[line];
}

void UtalkPeerText::write(std::uint16_t line, std::size_t column, std::uint8_t byte,
                          std::uint32_t seq) {
  if (column == 0 || column > kMaxColumns) return;
  Line* target = line_for(line);
  if (target == nullptr) return;
  const std::size_t pos = column - 1;
  if (target->cut && seq < target->cut_seq && pos >= target->cut_at) return;
  if (pos < target->cells.size()) {
    const Cell& cell = target->cells[pos];
    if (cell.seq > seq) return;
    if (cell.written && cell.byte == proto::utalk::kDeletedCell) return;  // deleted for good
  } else {
    target->cells.resize(pos + 1);
  }
  target->cells[pos] = {byte, true, seq};
}

void UtalkPeerText::truncate(std::uint16_t line, std::size_t column, std::uint32_t seq) {
  if (column == 0 || column > kMaxColumns) return;
  Line* target = line_for(line);
  if (target == nullptr) return;
  const std::size_t pos = column - 1;
  for (std::size_t i = pos; i < target->cells.size(); ++i) {
    Cell& cell = target->cells[i];
    if (cell.seq <= seq) cell = {' ', false, seq};
  }
  while (!target->cells.empty() && !target->cells.back().written) target->cells.pop_back();
  if (!target->cut || seq >= target->cut_seq) {
    target->cut = true;
    target->cut_seq = seq;
    target->cut_at = pos;
  }
}

int UtalkPeerText::apply(const proto::utalk::UtalkData& data, std::uint32_t seq) {
  using Kind = proto::utalk::DataOp::Kind;
  int beeps = 0;
  std::uint16_t line = data.line;
  std::size_t column = data.column;
  for (const auto& op : data.ops) {
    switch (op.kind) {
      case Kind::Text:
        for (const char c : op.text) {
          const auto byte = static_cast<std::uint8_t>(c);
          write(line, column, byte, seq);
          // A deleted cell has no width: the next character goes to the next cell all the same.
          ++column;
        }
        break;
      case Kind::Truncate:
        truncate(line, column, seq);
        break;
      case Kind::Move:
        line = op.line;
        column = op.column;
        break;
      case Kind::Beep:
        ++beeps;
        break;
    }
  }
  return beeps;
}

std::vector<std::uint16_t> UtalkPeerText::take_changed_lines() {
  std::sort(changed_.begin(), changed_.end());
  changed_.erase(std::unique(changed_.begin(), changed_.end()), changed_.end());
  return std::exchange(changed_, {});
}

std::vector<Glyph> UtalkPeerText::glyphs(std::uint16_t line, bool utf8) const {
  std::vector<Glyph> out;
  const auto found = lines_.find(line);
  if (found == lines_.end()) return out;
  for (const Cell& cell : found->second.cells) {
    if (cell.written && cell.byte == proto::utalk::kDeletedCell) continue;
    if (cell.written && cell.byte >= 0x20 && cell.byte < 0x7f) {
      out.push_back({std::string(1, static_cast<char>(cell.byte)), 1});
    } else if (cell.written && cell.byte >= 0xa0) {
      out.push_back({utf8 ? encode_utf8(cell.byte) : std::string("?"), 1});
    } else {
      out.push_back({" ", 1});  // a virtual blank, or a control shown as one blank column
    }
  }
  return out;
}

std::string UtalkPeerText::latin1(std::uint16_t line) const {
  std::string out;
  const auto found = lines_.find(line);
  if (found == lines_.end()) return out;
  for (const Cell& cell : found->second.cells) {
    if (cell.written && cell.byte == proto::utalk::kDeletedCell) continue;
    out.push_back(cell.written ? static_cast<char>(cell.byte) : ' ');
  }
  return out;
}

}  // namespace talk::client
