// Parser of the golden .vectors format (documented in tests/golden/README.md).
#include "golden/vectors_file.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

namespace talk::golden {
namespace {

bool parse_endpoint(const std::string& text, Endpoint& out) {
  const std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  out.ip = text.substr(0, colon);
  unsigned port = 0;
  const char* first = text.data() + colon + 1;
  const char* last = text.data() + text.size();
  const auto [end, ec] = std::from_chars(first, last, port);
  if (ec != std::errc{} || end != last || first == last || port > 65535) return false;
  out.port = static_cast<std::uint16_t>(port);
  return true;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;  // upper case is not part of the format
}

bool parse_hex(const std::string& text, std::vector<std::uint8_t>& out) {
  if (text.empty() || text.size() % 2 != 0) return false;
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int hi = hex_digit(text[i]);
    const int lo = hex_digit(text[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return true;
}

// Fills `v` from the fields before the annotation; returns an error text or "".
std::string parse_fields(const std::string& fields, Vector& v) {
  std::istringstream in(fields);
  std::string kind, src, dst, hex, extra;
  if (!(in >> kind >> v.proto >> v.type >> v.step >> src >> dst >> hex)) return "too few fields";
  if (in >> extra) return "unexpected field '" + extra + "'";
  if (kind == "datagram") {
    // utalk's SRDP between two peers (utalk.vectors): no daemon on either end.
    if (v.proto != "srdp") return "a datagram's proto must be srdp";
    v.peer_to_peer = true;
  } else {
    if (kind != "request" && kind != "response")
      return "kind must be request, response or datagram";
    if (v.proto != "ntalk" && v.proto != "otalk") return "proto must be ntalk or otalk";
  }
  v.request = kind == "request";
  if (!parse_endpoint(src, v.src) || !parse_endpoint(dst, v.dst)) return "bad endpoint";
  if (!parse_hex(hex, v.bytes)) return "bad hex (lower case, even length)";
  return "";
}

}  // namespace

std::string Vector::where() const {
  const char* kind = peer_to_peer ? "datagram " : request ? "request " : "response ";
  return file + ":" + std::to_string(line) + " (" + kind + proto + " " + type + " " + step + ")";
}

VectorFile parse_vectors(const std::string& name, const std::string& text) {
  VectorFile file;
  file.name = name;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    Vector v;
    v.file = name;
    v.line = number;
    const std::size_t hash = line.find(" # ");
    if (hash != std::string::npos) v.annotation = line.substr(hash + 3);
    const std::string error = parse_fields(line.substr(0, hash), v);
    if (!error.empty()) {
      file.error = name;
      file.error += ":" + std::to_string(number) + ": " + error;
      return file;
    }
    file.vectors.push_back(std::move(v));
  }
  return file;
}

VectorFile load_golden(const std::string& name) {
  const std::string path = std::string(TALK_TEST_DATA_DIR) + "/golden/" + name;
  std::ifstream in(path);
  if (!in) {
    VectorFile missing;
    missing.name = name;
    missing.error = "cannot read " + path;
    return missing;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_vectors(name, text.str());
}

const Vector* request_of(const std::vector<Vector>& vectors, std::size_t response_index) {
  const Vector& response = vectors.at(response_index);
  for (std::size_t i = response_index; i-- > 0;) {
    const Vector& v = vectors[i];
    if (v.request && v.src == response.dst && v.dst == response.src) return &v;
  }
  return nullptr;
}

}  // namespace talk::golden
