// Reads a file that holds a secret (the XMPP account's password): only a regular file owned by
// the user that no one else may read or write is accepted; and runs a password command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <sys/types.h>

namespace talk::platform {

struct PrivateFile {
  enum class Status : std::uint8_t {
    Ok,
    Missing,
    Exposed,     // group or others may read or write it (or it is a symlink)
    NotOwned,    // someone else owns it, or it is not a regular file
    Unreadable,  // any other error; `error` says which
  };
  Status status = Status::Missing;
  std::string text;   // only when Ok; at most 64 KiB
  std::string error;  // strerror text when Unreadable
};

PrivateFile read_private_file(const std::string& path, uid_t owner);

/// The real uid of this process (the owner the account file must have).
uid_t real_user_id();

/// Runs `command` with /bin/sh -c, its standard input and error the terminal's, and returns
/// the first line it prints; nullopt when it fails or prints nothing.
std::optional<std::string> first_line_of_command(const std::string& command);

}  // namespace talk::platform
