// Formats the announcement written to the callee's terminal: the exact classic bytes, with
// everything that came from the network or DNS made safe for a terminal.
#pragma once

#include <string>
#include <string_view>

namespace talk::talkd {

struct AnnouncementText {
  std::string local_host;   // this host's name (gethostname)
  std::string caller_name;  // l_name as received
  std::string caller_host;  // verified reverse name or dotted address
  int hour = 0;             // local time of the announcement
  int minute = 0;
};

/// BEL CR LF, then five lines padded with spaces to the longest line plus two, each ending
/// in CR LF:
///   " "
///   "Message from Talk_Daemon@HOST at H:MM ..."
///   "talk: connection requested by NAME@CALLERHOST."
///   "talk: respond with:  talk NAME@CALLERHOST"      ("utalk" when NAME starts with '!')
///   " "
/// Host and names pass through talk::proto::sanitize_for_terminal first.
std::string format_announcement(const AnnouncementText& text);

}  // namespace talk::talkd
