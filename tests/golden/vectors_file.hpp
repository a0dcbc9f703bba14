// Reads the golden .vectors files: one control datagram captured from the real peers per line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace talk::golden {

/// An IPv4 endpoint as written in a vectors line ("127.0.0.1:518"), port in host order.
struct Endpoint {
  std::string ip;
  std::uint16_t port = 0;

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

/// One line of a vectors file: `kind proto type step src dst hex # annotation`.
struct Vector {
  std::string file;  // e.g. "netkit.vectors"
  int line = 0;
  bool request = false;       // kind "request" (to a daemon) or "response" (from a daemon)
  bool peer_to_peer = false;  // kind "datagram": SRDP between two utalk peers
  std::string proto;          // "ntalk", "otalk" or (datagrams) "srdp"
  std::string type;  // LOOK_UP, ANNOUNCE, LEAVE_INVITE, DELETE; SRDP: the chunk types joined by +
  std::string step;  // the capture scenario, e.g. "session"
  Endpoint src;
  Endpoint dst;
  std::vector<std::uint8_t> bytes;
  std::string annotation;

  /// "netkit.vectors:12 (request ntalk LOOK_UP session)" for failure messages.
  std::string where() const;
};

struct VectorFile {
  std::string name;
  std::vector<Vector> vectors;
  std::string error;  // empty when the whole file parsed
};

/// The committed files, each a set of peers.
inline const std::vector<std::string>& golden_file_names() {
  static const std::vector<std::string> names{"netkit.vectors", "inetutils.vectors",
                                              "otalk.vectors"};
  return names;
}

/// A test-name suffix for a file: "netkit.vectors" -> "netkit".
inline std::string peer_name(const std::string& file) {
  return file.substr(0, file.find('.'));
}

/// Loads tests/golden/<name>; a missing file or a malformed line is reported in `error`.
VectorFile load_golden(const std::string& name);

/// Parses one file's text (exposed for the format's own tests).
VectorFile parse_vectors(const std::string& name, const std::string& text);

/// The request a response answers: the latest earlier request sent from the response's
/// destination to its source. nullptr when there is none.
const Vector* request_of(const std::vector<Vector>& vectors, std::size_t response_index);

}  // namespace talk::golden
