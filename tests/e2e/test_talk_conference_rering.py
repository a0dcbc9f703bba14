#!/usr/bin/env python3
"""End-to-end: ringing again from the menu. tkalice rings tkbob and tkcarol; only tkbob answers
at first; ESC m r rings tkcarol again (a second announcement on her terminal), she answers and
joins the conversation, connected to tkbob too."""

import re

from talk_conference_common import Party, start
from talk_e2e_common import th

RING = re.compile(r"Message from Talk_Daemon")


def test(lab):
    start(lab)
    alice = Party(lab, th.ALICE)
    bob = Party(lab, th.BOB)
    carol = Party(lab, th.CAROL)
    alice.run(bob.name, carol.name)
    bob.run("-m", bob.announced_by())
    carol.announced_by()
    alice.wait_window(bob.name)
    alice.term.press("Escape", "m", "l")
    alice.term.wait_for(lambda s: s.contains("tkcarol@talklab: ringing"),
                        describe="carol listed as being rung")
    alice.term.press("Escape", "m", "r")
    carol.term.wait_for(lambda s: len(RING.findall(s.text)) == 2, timeout=10,
                        describe="a second announcement")
    carol.run("-m", carol.announced_by())
    alice.wait_window(carol.name)
    carol.wait_window(bob.name)
    bob.wait_window(carol.name)
    carol.say("rung twice, here now", alice, bob)
    for party in (alice, bob, carol):
        party.hang_up()


th.run(test, timeout=110, prepare=th.require_peers)
