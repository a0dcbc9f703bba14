// libFuzzer target: every decoder must round-trip decode -> encode -> decode, and the terminal
// sanitizer must never emit a control byte, a C1 control or invalid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>

#include "protocol/answer_text.hpp"
#include "protocol/codec.hpp"
#include "protocol/sanitize.hpp"
#include "protocol/sanitize_checks.hpp"

namespace talk::proto {
namespace {

[[noreturn]] void fail(const char* what, Bytes input) {
  (void)std::fprintf(stderr, "protocol_fuzzer: property violated: %s (input of %zu bytes)\n", what,
                     input.size());
  std::abort();
}

void require(bool condition, const char* what, Bytes input) {
  if (!condition) fail(what, input);
}

template <typename T>
T normalized(T m) {
  if constexpr (requires { m.order; }) m.order = ByteOrder::Big;
  return m;
}

void check_sanitized(std::string_view text, Bytes input) {
  for (const Utf8Policy policy : {Utf8Policy::Keep, Utf8Policy::Escape}) {
    const std::string out = sanitize_for_terminal(text, policy);
    require(testing::terminal_safety_problem(out, policy).empty(), "sanitizer output unsafe",
            input);
    require(testing::c_unescape(out) == std::string(text), "sanitizer output not reversible",
            input);
  }
}

// Conversions between the protocols keep what the other layout can carry.
void check_conversions(const CtlMessage& m, Bytes input) {
  const OtalkMessage o = to_otalk_message(m);
  require(m.l_name.starts_with(o.l_name) && o.l_name.size() <= kOtalkNameSize - 1,
          "to_otalk_message l_name", input);
  require(m.r_name.starts_with(o.r_name) && o.r_name.size() <= kOtalkNameSize - 1,
          "to_otalk_message r_name", input);
  require(o.r_tty == m.r_tty && o.id_num == m.id_num && o.pid == m.pid && o.addr == m.addr &&
              o.ctl_addr == m.ctl_addr && o.type == m.type,
          "to_otalk_message fields", input);
}

void check_conversions(const OtalkMessage& o, Bytes input) {
  const CtlMessage m = to_ctl_message(o);
  require(m.version == kTalkVersion, "to_ctl_message version", input);
  OtalkMessage expected = normalized(o);
  expected.filler = 0;
  require(to_otalk_message(m) == expected, "otalk -> ntalk -> otalk changed the message", input);
}

void check_conversions(const CtlResponse& r, Bytes input) {
  const OtalkResponse o = to_otalk_response(r);
  require(o.answer == (r.answer <= kLastOtalkAnswer ? r.answer : Answer::Failed),
          "to_otalk_response answer", input);
  require(o.type == r.type && o.id_num == r.id_num && o.addr == r.addr, "to_otalk_response fields",
          input);
}

void check_conversions(const OtalkResponse& o, Bytes input) {
  const CtlResponse r = to_ctl_response(o);
  require(r.version == kTalkVersion, "to_ctl_response version", input);
  const OtalkResponse back = to_otalk_response(r);
  const Answer answer = o.answer <= kLastOtalkAnswer ? o.answer : Answer::Failed;
  require(back.answer == answer && back.type == o.type && back.id_num == o.id_num &&
              back.addr == o.addr,
          "otalk -> ntalk -> otalk response changed", input);
}

template <typename T, Decoded<T> (*Decode)(Bytes)>
void check_decoder(Bytes input, std::size_t layout_size) {
  const Decoded<T> first = Decode(input);
  require(first.message.has_value() == (input.size() == layout_size), "message iff exact size",
          input);
  if (!first.message) {
    require(first.error == DecodeError::WrongLength, "no message without WrongLength", input);
    return;
  }
  require(first.error != DecodeError::WrongLength, "WrongLength with a message", input);
  require(!describe(first.error).empty(), "DecodeError without a description", input);
  const auto bytes = encode(*first.message);
  const Decoded<T> second = Decode(bytes);
  require(second.message.has_value(), "re-encoded message does not decode", input);
  require(normalized(*second.message) == normalized(*first.message), "round trip changed message",
          input);
  require(encode(*second.message) == bytes, "second encoding differs", input);
  check_conversions(*first.message, input);
  if constexpr (requires { first.message->l_name; }) {
    const T& m = *first.message;
    const std::size_t name_max = std::is_same_v<T, CtlMessage> ? kNameSize - 1 : kOtalkNameSize - 1;
    require(m.l_name.size() <= name_max && m.r_name.size() <= name_max, "name too long", input);
    require(m.r_tty.size() <= kTtySize - 1, "tty too long", input);
    for (const std::string* s : {&m.l_name, &m.r_name, &m.r_tty}) {
      require(s->find('\0') == std::string::npos, "NUL inside a decoded name", input);
      check_sanitized(*s, input);
    }
    if (first.error == DecodeError::None) {
      require(
          is_printable_name(m.l_name) && is_printable_name(m.r_name) && is_printable_name(m.r_tty),
          "valid message with a non-printable name", input);
    }
  }
}

// Runs every decoder on `input`, and on its first bytes when it is long enough, so that each
// input also reaches the checks behind the length test.
void check_all_decoders(Bytes input) {
  check_decoder<CtlMessage, decode_ctl_message>(input, kCtlMsgSize);
  check_decoder<CtlResponse, decode_ctl_response>(input, kCtlResponseSize);
  check_decoder<OtalkMessage, decode_otalk_message>(input, kOctlMsgSize);
  check_decoder<OtalkResponse, decode_otalk_response>(input, kOctlResponseSize);
  if (input.size() > kCtlMsgSize) {
    check_decoder<CtlMessage, decode_ctl_message>(input.first(kCtlMsgSize), kCtlMsgSize);
  }
  if (input.size() > kOctlMsgSize) {
    check_decoder<OtalkMessage, decode_otalk_message>(input.first(kOctlMsgSize), kOctlMsgSize);
  }
  if (input.size() > kCtlResponseSize) {
    check_decoder<CtlResponse, decode_ctl_response>(input.first(kCtlResponseSize),
                                                    kCtlResponseSize);
    check_decoder<OtalkResponse, decode_otalk_response>(input.first(kOctlResponseSize),
                                                        kOctlResponseSize);
  }
}

void check_texts(Bytes input) {
  if (input.empty()) return;
  require(!answer_text(static_cast<Answer>(input[0])).empty(), "empty answer text", input);
  require(!answer_name(static_cast<Answer>(input[0])).empty(), "empty answer name", input);
  require(!request_type_name(static_cast<RequestType>(input[0])).empty(), "empty type name", input);
}

}  // namespace
}  // namespace talk::proto

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const talk::proto::Bytes input(data, size);
  talk::proto::check_all_decoders(input);
  talk::proto::check_texts(input);
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  talk::proto::check_sanitized(text, input);
  return 0;
}
