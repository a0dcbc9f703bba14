// The classic answer texts and the protocol names of answers, request types and decode errors.
#include "protocol/answer_text.hpp"

#include <array>

#include "protocol/codec.hpp"

namespace talk::proto {
namespace {

constexpr std::array<std::string_view, 9> kAnswerTexts = {
    "answer #0",
    "Your party is not logged on",
    "Target machine is too confused to talk to us",
    "Target machine does not recognize us",
    "Your party is refusing messages",
    "Target machine can not handle remote talk",
    "Target machine indicates protocol mismatch",
    "Target machine indicates protocol botch (addr)",
    "Target machine indicates protocol botch (ctl_addr)",
};

constexpr std::array<std::string_view, 9> kAnswerNames = {
    "SUCCESS",         "NOT_HERE",   "FAILED",  "MACHINE_UNKNOWN", "PERMISSION_DENIED",
    "UNKNOWN_REQUEST", "BADVERSION", "BADADDR", "BADCTLADDR",
};

constexpr std::array<std::string_view, 4> kTypeNames = {"LEAVE_INVITE", "LOOK_UP", "DELETE",
                                                        "ANNOUNCE"};

}  // namespace

std::string answer_text(Answer answer) {
  const auto code = static_cast<std::size_t>(answer);
  if (code < kAnswerTexts.size()) return std::string(kAnswerTexts[code]);
  return "answer #" + std::to_string(code);
}

std::string answer_name(Answer answer) {
  const auto code = static_cast<std::size_t>(answer);
  if (code < kAnswerNames.size()) return std::string(kAnswerNames[code]);
  return "ANSWER_" + std::to_string(code);
}

std::string request_type_name(RequestType type) {
  const auto code = static_cast<std::size_t>(type);
  if (code < kTypeNames.size()) return std::string(kTypeNames[code]);
  return "TYPE_" + std::to_string(code);
}

std::string_view describe(DecodeError error) {
  switch (error) {
    case DecodeError::None:
      return "valid";
    case DecodeError::WrongLength:
      return "wrong length";
    case DecodeError::BadVersion:
      return "bad protocol version";
    case DecodeError::BadAddrFamily:
      return "bad address family in addr";
    case DecodeError::BadCtlAddrFamily:
      return "bad address family in ctl_addr";
    case DecodeError::UnknownType:
      return "unknown request type";
    case DecodeError::UnterminatedName:
      return "unterminated name or tty field";
    case DecodeError::NonPrintableName:
      return "non-printable name or tty";
  }
  return "unknown decode error";
}

}  // namespace talk::proto
