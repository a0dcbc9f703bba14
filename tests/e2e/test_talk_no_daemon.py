#!/usr/bin/env python3
"""End-to-end: with no talk daemon running, talk says so at once ("[Error on read from talk
daemon: Connection refused]" and what to do), exits 1, and leaves the terminal as it was."""

import re

from talk_e2e_common import th


def test(lab):
    talk = lab.reachable(th.client("talk-ng"))
    term = lab.terminal(th.ALICE, name="caller")
    term.wait_for("$", describe="shell prompt")
    term.type_line('d=$(mktemp -d); stty -g > "$d/before"; '
                   + " ".join(talk.command(th.BOB)) + '; echo "rc=$?"; stty -g > "$d/after"; '
                   'cmp -s "$d/before" "$d/after" && echo TERMINAL-SAME; rm -r "$d"')
    match = term.wait_for(re.compile(r"rc=(\d+)"), timeout=5, region="history",
                          describe="talk to exit within 5 s")
    assert match.group(1) == "1", match.group(0)
    term.wait_for("TERMINAL-SAME", region="history", describe="stty settings unchanged")
    history = term.history()
    assert history.contains("[Error on read from talk daemon: Connection refused]"), \
        history.framed("caller")
    assert history.contains("Start talkd"), history.framed("caller")


th.run(test, timeout=60)
