// Typed text split into transport-neutral edits: characters, erase, word erase, kill, newline.
#pragma once

#include <string_view>
#include <vector>

#include "talk/edit_chars.hpp"
#include "talk/peer_link.hpp"

namespace talk::client {

/// Appends the edits that `typed` (text keys only, Enter already a newline) makes to `out`. The
/// user's own edit characters and the classic ones (BS, DEL, ^U, ^W) are edits, as on the screen;
/// consecutive characters become one Text edit. Each edit's `typed` holds its keystrokes.
void split_user_edits(std::string_view typed, const EditChars& mine, std::vector<UserEdit>& out);

}  // namespace talk::client
