"""Shared set-up of talkd's end-to-end tests: the harness import and what talk-ng's talkd
announces, checked against what the callee's screen shows."""

import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "harness"))
import talkharness as th  # noqa: E402,F401  (re-exported for the tests)

# talk-ng's talkd names the caller's host by its verified reverse name: localhost in the lab.
CALLER = f"{th.ALICE}@localhost"


def talkd(extra_args=()):
    """talk-ng's talkd as Debian's inetd would run it (ntalk 518 and otalk 517, nobody.tty)."""
    return th.daemon("talk-ng", extra_args=tuple(extra_args))


def check_announcement(lab, term):
    """The callee's screen shows talk-ng's announcement, line by line."""
    term.wait_for(re.compile(rf"Message from Talk_Daemon@{lab.hostname} at \d{{1,2}}:\d\d \.\.\."),
                  describe="the announcement's first line")
    screen = term.screen()
    assert screen.has_row(f"talk: connection requested by {CALLER}."), screen.framed(term.name)
    assert screen.has_row(f"talk: respond with:  talk {CALLER}"), screen.framed(term.name)


def responses_go_to_sources(capture_lines):
    """Every daemon answer in the capture goes back to a port that sent it a request."""
    senders = set()
    for line in capture_lines:
        match = re.search(r"UDP (\S+) -> 127\.0\.0\.1:51[78] CTL_MSG", line)
        if match:
            senders.add(match.group(1))
    for line in capture_lines:
        match = re.search(r"UDP 127\.0\.0\.1:51[78] -> (\S+) CTL_RESPONSE", line)
        if match and match.group(1) not in senders:
            return False
    return True
