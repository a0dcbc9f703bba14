// UTF-8 <-> code points over the protocol library's sequence decoder and encoder.
#include "xmpp/utf8.hpp"

#include "protocol/utf8.hpp"

namespace talk::xmpp {

std::u32string decode_utf8(std::string_view bytes) {
  std::u32string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    const proto::Utf8Sequence sequence = proto::decode_utf8_sequence(bytes.substr(i));
    if (sequence.kind == proto::Utf8Sequence::Kind::CodePoint) {
      out.push_back(sequence.code_point);
      i += sequence.length;
    } else {
      out.push_back(kReplacementChar);
      ++i;
    }
  }
  return out;
}

std::string encode_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (const char32_t cp : code_points) proto::append_utf8(out, cp);
  return out;
}

std::string_view utf8_prefix(std::string_view bytes, std::size_t max_bytes) {
  if (bytes.size() <= max_bytes) return bytes;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(bytes[end]) & 0xc0) == 0x80) --end;
  return bytes.substr(0, end);
}

}  // namespace talk::xmpp
