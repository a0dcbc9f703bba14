// format_announcement: builds the announcement block in one string, for one write.
#include "talkd/announcer.hpp"

#include <algorithm>
#include <array>

#include "protocol/sanitize.hpp"

namespace talk::talkd {
namespace {

std::string two_digits(int value) {
  std::string text = std::to_string(value);
  return text.size() < 2 ? "0" + text : text;
}

}  // namespace

std::string format_announcement(const AnnouncementText& text) {
  const std::string host = proto::sanitize_for_terminal(text.local_host);
  const std::string name = proto::sanitize_for_terminal(text.caller_name);
  const std::string caller_host = proto::sanitize_for_terminal(text.caller_host);
  const bool utalk_caller = !text.caller_name.empty() && text.caller_name.front() == '!';
  const std::string client = utalk_caller ? "utalk" : "talk";

  const std::array<std::string, 5> lines = {
      " ",
      "Message from Talk_Daemon@" + host + " at " + std::to_string(text.hour) + ":" +
          two_digits(text.minute) + " ...",
      "talk: connection requested by " + name + "@" + caller_host + ".",
      "talk: respond with:  " + client + " " + name + "@" + caller_host,
      " ",
  };
  std::size_t longest = 0;
  for (const std::string& line : lines) longest = std::max(longest, line.size());

  std::string block = "\a\r\n";
  for (const std::string& line : lines) {
    block += line;
    block.append(longest + 2 - line.size(), ' ');
    block += "\r\n";
  }
  return block;
}

}  // namespace talk::talkd
