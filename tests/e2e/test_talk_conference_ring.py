#!/usr/bin/env python3
"""End-to-end: three talk-ng users in one conversation by ringing. tkalice runs
`talk tkbob tkcarol`; both answer with `talk -m`; tkbob and tkcarol then get connected to each
other without anyone ringing (ytalk's Import/Export/Accept through the talk daemons), each screen
shows three windows, ASCII and UTF-8 lines reach everyone, the windows rewrap after a resize,
and when tkcarol hangs up the other two go on."""

import re

from talk_conference_common import three_in_mesh
from talk_e2e_common import th

UTF8 = "héllo wörld — ✓ 日本語"
LONG = "a line long enough to wrap when the terminal is only forty columns wide, yes"


def test(lab):
    # The mesh: bob and carol see each other.
    alice, bob, carol = three_in_mesh(lab)
    for party in (alice, bob, carol):
        assert len(party.window_titles()) == 3, party.term.screen().framed(party.name)
    alice.say("hello both of you", bob, carol)
    carol.say("carol here", alice, bob)
    bob.say(UTF8, alice, carol)
    # A resize lays the windows out again, text kept and rewrapped.
    bob.say(LONG, alice, carol)
    alice.term.resize(40, 20)
    alice.term.wait_for(lambda s: len(s.rows) == 20 and LONG.replace(" ", "") in
                        "".join(s.rows).replace(" ", ""), describe="the long line rewrapped")
    alice.term.resize(80, 24)
    alice.wait_text(LONG)
    # carol leaves; alice and bob go on.
    carol.hang_up()
    alice.term.wait_for(lambda s: len(re.findall(r"= \S+@\S+ =", s.text)) == 2,
                        describe="carol's window gone")
    alice.say("just us two now", bob)
    bob.say("indeed", alice)
    alice.hang_up()
    bob.term.wait_for(re.compile(r"\[client exited with status 0\]"), timeout=10,
                      region="history", describe="bob's talk ends when everyone has left")

th.run(test, timeout=110, prepare=th.require_peers)
