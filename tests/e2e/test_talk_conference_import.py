#!/usr/bin/env python3
"""End-to-end: joining by being imported. tkalice and tkbob talk (`talk -m`); tkalice adds
tkcarol from the menu (ESC m, a, name); tkcarol answers; tkbob is never rung, yet tkbob and
tkcarol end up connected (tkbob left a silent invitation when told of tkcarol, tkcarol was sent
an Accept naming tkbob and connected to him). The newcomer sees what was typed before, as in
ytalk. The menu's list names everyone's program; hanging up on one member leaves the others."""

import re
import time

from talk_conference_common import Party, ring_all, start
from talk_e2e_common import th


def test(lab):
    start(lab)
    alice = Party(lab, th.ALICE)
    bob = Party(lab, th.BOB)
    carol = Party(lab, th.CAROL)
    alice.run("-m", bob.name)
    bob.run("-m", bob.announced_by())
    alice.wait_window(bob.name)
    bob.wait_window(alice.name)
    alice.say("just the two of us", bob)
    # ESC m a: add tkcarol.
    alice.term.press("Escape", "m")
    alice.term.wait_for("Menu:", describe="the menu prompt")
    alice.term.press("a")
    alice.term.type(carol.name)
    alice.term.press("Enter")
    carol.run("-m", carol.announced_by())
    alice.wait_window(carol.name)
    bob.wait_window(carol.name)  # bob was not rung: the import connected him
    carol.wait_window(bob.name)
    rings = re.findall(r"Message from Talk_Daemon", bob.term.history().text)
    assert len(rings) == 1, bob.term.history().framed("bob was rung for carol")
    carol.wait_text("just the two of us")  # what alice had typed, shown to the newcomer
    carol.say("hi, I was added", alice, bob)
    bob.say("welcome carol", alice, carol)
    alice.term.press("Escape", "m", "l")
    alice.term.wait_for(lambda s: s.contains("tkbob@") and s.contains("tkcarol@") and
                        s.contains("connected, talk-ng"), describe="the member list")
    # Hang up on bob from the menu: carol and alice go on, bob still talks with carol.
    alice.term.press("Escape", "m", "h")
    alice.term.wait_for("Hang up on:", describe="the hang-up choice")
    alice.term.press("1")
    alice.term.wait_for(lambda s: len(re.findall(r"= \S+@\S+ =", s.text)) == 2,
                        describe="bob's window gone")
    bob.term.wait_for(lambda s: len(re.findall(r"= \S+@\S+ =", s.text)) == 2,
                      describe="alice's window gone at bob's")
    alice.say("still here", carol)
    bob.say("so am I", carol)
    time.sleep(0.1)
    for party in (alice, bob, carol):
        party.hang_up()


th.run(test, timeout=110, prepare=th.require_peers)
