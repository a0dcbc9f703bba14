#!/usr/bin/env python3
"""End-to-end: a conference with a classic talk peer. tkalice (talk-ng) rings tkbob, who answers
with Debian's netkit talk, and tkcarol, who answers with talk-ng -m. tkalice talks with both;
tkbob stays a two-party talker (as with ytalk: a classic peer is never exported), so tkcarol is
not connected to him; what tkbob types still reaches tkalice's window for him."""

import time

from talk_conference_common import Party, start
from talk_e2e_common import th


def test(lab):
    start(lab)
    alice = Party(lab, th.ALICE)
    bob = Party(lab, th.BOB, client="netkit")
    carol = Party(lab, th.CAROL)
    alice.run(bob.name, carol.name)
    bob.run(bob.announced_by())
    carol.run("-m", carol.announced_by())
    alice.wait_window(bob.name)
    alice.wait_window(carol.name)
    carol.wait_window(alice.name)
    bob.term.wait_for("Connection established", describe="netkit talk connected")
    bob.term.type_line("plain talk here")
    alice.wait_text("plain talk here")
    alice.term.type_line("hello bob and carol")
    carol.wait_text("hello bob and carol")
    bob.term.wait_for("hello bob and carol", describe="alice's line at netkit talk")
    carol.say("carol to alice", alice)
    time.sleep(0.5)
    assert not any(t.startswith(bob.name + "@") for t in carol.window_titles()), \
        carol.term.screen().framed("carol must not be connected to a classic peer")
    alice.term.press("Escape", "m", "l")
    alice.term.wait_for(lambda s: s.contains("classic talk") and s.contains("talk-ng"),
                        describe="the member list naming both programs")
    carol.hang_up()
    alice.say("carol left", )
    bob.term.wait_for("carol left", describe="the conversation with bob goes on")
    alice.hang_up()


th.run(test, timeout=110, prepare=th.require_peers)
