#!/usr/bin/env bash
# Checks the source tree's rules: layering, one curses file, purpose comments, file size.
set -u
root=${1:?usage: check_layers.sh SOURCE_DIR}
cd "$root" || exit 2
fail=0
complain() { echo "check_layers: $*"; fail=1; }

mapfile -t sources < <(find include src -name '*.cpp' -o -name '*.hpp' | sort)
[ ${#sources[@]} -gt 0 ] || { echo "check_layers: no sources found"; exit 1; }

os_headers='#include <(unistd|fcntl|poll|signal|termios|syslog|pwd|grp|netdb|utmpx?|pty|dirent)\.h>|#include <(sys|arpa|netinet|systemd)/|#include <c?signal>'
for f in "${sources[@]}"; do
  case "$f" in src/platform/*) ;; *)
    grep -nE "$os_headers" "$f" | sed "s|^|$f:|" | while read -r line; do echo "check_layers: OS header outside src/platform: $line"; done
    grep -qE "$os_headers" "$f" && fail=1 ;;
  esac
  case "$f" in include/protocol/*|src/protocol/*)
    grep -qE '#include "(platform|talk|talkd)/' "$f" && complain "protocol layer depends on another layer: $f" ;;
  esac
  case "$f" in src/platform/*)
    grep -qE '#include "(talk|talkd)/' "$f" && complain "platform layer depends on a program core: $f" ;;
  esac
  case "$f" in src/talk/*)
    grep -qE '#include "talkd/' "$f" && complain "talk depends on talkd: $f" ;;
  esac
  case "$f" in src/talkd/*)
    grep -qE '#include "talk/' "$f" && complain "talkd depends on talk: $f" ;;
  esac
  case "$f" in include/protocol/*|src/protocol/*|src/platform/*)
    grep -qE '#include "xmpp/' "$f" && complain "lower layer depends on the XMPP layer: $f" ;;
  esac
  case "$f" in src/xmpp/*)
    grep -qE '#include "(talk|talkd|gateway)/' "$f" && complain "the XMPP layer depends on a program core: $f" ;;
  esac
  case "$f" in src/gateway/*)
    grep -qE '#include "(talk|talkd)/' "$f" && complain "the gateway depends on another program core: $f" ;;
  esac
  case "$f" in src/talk/*|src/talkd/*|src/platform/*|src/protocol/*|include/protocol/*)
    grep -qE '#include "gateway/' "$f" && complain "depends on the gateway core: $f" ;;
  esac
  case "$f" in src/xmpp/strophe/*) ;; *)
    grep -qE '#include <strophe\.h>' "$f" && complain "strophe.h outside src/xmpp/strophe: $f" ;;
  esac
  head -n 1 "$f" | grep -q '^// .' || complain "first line is not a one-line purpose comment: $f"
  lines=$(wc -l < "$f")
  [ "$lines" -le 300 ] || complain "$f has $lines lines (at most 300)"
done

curses_files=$(grep -lE '#include <(n?curses|ncursesw/curses)\.h>' "${sources[@]}" | wc -l)
[ "$curses_files" -le 1 ] || complain "curses is included by $curses_files files (at most one)"

[ $fail -eq 0 ] && echo "check_layers: ${#sources[@]} files follow the rules"
exit $fail
