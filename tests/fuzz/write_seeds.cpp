// Writes the fuzzer's seed corpus: hand-laid datagrams of every layout, a few hostile variants,
// sanitizer texts, and every datagram of the golden vector files (when there are any).
// Usage: protocol_fuzz_seeds GOLDEN_DIR OUT_DIR
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/sample_datagrams.hpp"

namespace {

namespace fs = std::filesystem;
using talk::proto::testing::Wire;

int g_written = 0;

void write_seed(const fs::path& dir, const std::string& name, const Wire& bytes) {
  std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (out) ++g_written;
}

Wire from_text(const std::string& text) {
  return Wire(text.begin(), text.end());
}

bool is_hex_token(const std::string& token) {
  if (token.size() < 8 || token.size() % 2 != 0) return false;
  for (const char c : token) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

unsigned hex_value(char c) {
  return c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>(c - 'a' + 10);
}

// The datagram of one vector line: its longest lowercase hex field (a "name=" or "name:"
// prefix is allowed). Empty when the line has none.
Wire datagram_of_line(const std::string& line) {
  std::istringstream fields(line);
  std::string field, best;
  while (fields >> field) {
    const auto sep = field.find_first_of("=:");
    if (sep != std::string::npos) field = field.substr(sep + 1);
    if (is_hex_token(field) && field.size() > best.size()) best = field;
  }
  Wire bytes;
  for (std::size_t i = 0; i + 1 < best.size(); i += 2) {
    bytes.push_back(static_cast<std::uint8_t>(hex_value(best[i]) * 16 + hex_value(best[i + 1])));
  }
  return bytes;
}

void write_golden_seeds(const fs::path& golden_dir, const fs::path& out_dir) {
  std::error_code ec;
  if (!fs::is_directory(golden_dir, ec)) return;
  for (const auto& entry : fs::directory_iterator(golden_dir, ec)) {
    const auto extension = entry.path().extension();
    if (extension != ".vectors" && extension != ".streams") continue;
    std::ifstream in(entry.path());
    std::string line;
    int index = 0;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const Wire bytes = datagram_of_line(line);
      if (bytes.empty()) continue;
      write_seed(out_dir, "golden-" + entry.path().stem().string() + "-" + std::to_string(index++),
                 bytes);
    }
  }
}

void write_hand_made_seeds(const fs::path& dir) {
  namespace t = talk::proto::testing;
  write_seed(dir, "ctl-msg", t::sample_ctl_message_wire());
  write_seed(dir, "ctl-response", t::sample_ctl_response_wire());
  write_seed(dir, "otalk-msg", t::sample_otalk_message_wire());
  write_seed(dir, "otalk-msg-little", t::sample_otalk_message_wire_little());
  write_seed(dir, "otalk-response", t::sample_otalk_response_wire());
  write_seed(dir, "otalk-response-little", t::sample_otalk_response_wire_little());

  Wire unterminated = t::sample_ctl_message_wire();
  t::fill(unterminated, 44, 12, 'A');
  write_seed(dir, "ctl-msg-unterminated", unterminated);
  Wire bad_family = t::sample_ctl_message_wire();
  t::put_le16(bad_family, 24, 2);
  write_seed(dir, "ctl-msg-little-family", bad_family);
  Wire otalk_unset = t::sample_otalk_message_wire();
  t::put_addr(otalk_unset, 44, 0, 0, 0);
  write_seed(dir, "otalk-msg-unset-addr", otalk_unset);

  write_seed(dir, "text-ascii", from_text("hello \\ world\t\r\n"));
  write_seed(dir, "text-utf8", from_text("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\x85"));
  write_seed(dir, "text-bad-utf8", from_text("\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80\xe2\x82"));
  write_seed(dir, "text-escapes", Wire{0x1b, '[', '2', 'J', 0x00, '1', 0x7f, 0x9b});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: protocol_fuzz_seeds GOLDEN_DIR OUT_DIR\n";
    return 2;
  }
  const fs::path out_dir = argv[2];
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  write_hand_made_seeds(out_dir);
  const int hand_made = g_written;
  write_golden_seeds(argv[1], out_dir);
  std::cout << "protocol_fuzz_seeds: " << hand_made << " hand-made seeds, " << g_written - hand_made
            << " from golden vectors in " << argv[1] << "\n";
  return hand_made > 0 ? 0 : 1;
}
