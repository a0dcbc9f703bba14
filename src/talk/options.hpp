// The talk command line: the person to call (user, user@host, host!user, host:user, host.user),
// an optional tty, and the options for odd setups and tests.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xmpp/jid.hpp"

namespace talk::client {

/// Who to call. An empty `host` means this machine.
struct Person {
  std::string user;
  std::string host;
  std::string tty;

  friend bool operator==(const Person&, const Person&) = default;
};

/// Splits "user", "user@host", "host!user", "host:user" and the classic "host.user" at the first
/// separator, as every BSD-derived talk does. With `dots_in_user` (-x) a dot is part of the user
/// name, so "first.last@host" means user "first.last".
Person parse_person(std::string_view arg, bool dots_in_user);

/// A conversation in utalk's protocol straight to a UDP port, without talk daemons: utalk's raw
/// server (-s PORT), raw client (-c HOST PORT) and answer to `utalk -a` ('!PORT@HOST').
struct DirectSrdp {
  bool server = false;
  std::string host;  // client only
  std::uint16_t port = 0;

  friend bool operator==(const DirectSrdp&, const DirectSrdp&) = default;
};

struct Options {
  Person person;
  bool dots_in_user = false;                 // -x
  std::optional<std::uint16_t> daemon_port;  // --daemon-port N (ntalk)
  std::optional<std::uint16_t> otalk_port;   // --otalk-port N (old talk)
  std::optional<DirectSrdp> srdp;            // -s PORT, -c HOST PORT, '!PORT@HOST'
  bool announce_utalk = false;               // -u, --utalk: announce as '!NAME'
  bool help = false;
  bool version = false;
  std::optional<xmpp::Jid> xmpp_peer;  // xmpp:user@server or --xmpp user@server
  /// Everyone named when several people are (`talk alice bob@host carol`), or the one person
  /// with -m: a multi-party conversation in ytalk's protocol. Empty: a classic two-party talk.
  std::vector<Person> conference;
};

/// The result of parsing: either options, or an error text for stderr (usage problems).
struct ParsedCommandLine {
  std::optional<Options> options;
  std::string error;
};

/// Parses argv[1..]. `--help`/`--version` win over a missing person.
ParsedCommandLine parse_command_line(std::span<const std::string_view> args);

inline constexpr std::string_view kUsage = "Usage: talk person [ttyname]";

/// The full --help text.
std::string help_text();

}  // namespace talk::client
