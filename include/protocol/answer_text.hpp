// The classic texts users see for daemon answers and request types.
#pragma once

#include <string>
#include <string_view>

#include "protocol/constants.hpp"

namespace talk::proto {

/// The client's text for an answer code, as every BSD-derived talk shows it in brackets
/// ("Your party is not logged on", ...). Unknown codes give "answer #N".
std::string answer_text(Answer answer);

/// Upper-case protocol names for logs: "SUCCESS", "NOT_HERE", ..., "ANSWER_17".
std::string answer_name(Answer answer);
/// "LEAVE_INVITE", "LOOK_UP", "DELETE", "ANNOUNCE", or "TYPE_N".
std::string request_type_name(RequestType type);

}  // namespace talk::proto
