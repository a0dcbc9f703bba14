#!/usr/bin/env python3
"""End-to-end: four talk-ng users in one conversation. tkalice rings tkbob, tkcarol and tkdave;
all three answer with `talk -m`; everyone ends up connected to everyone (six connections), sees
four windows, and a line typed by anyone reaches the three others. On a terminal too short for
four windows of three rows, the status row says so instead of hiding anyone silently."""

from talk_conference_common import Party, ring_all, start
from talk_e2e_common import th


def test(lab):
    start(lab)
    alice = Party(lab, th.ALICE)
    bob = Party(lab, th.BOB)
    carol = Party(lab, th.CAROL)
    dave = Party(lab, th.DAVE)
    everyone = (alice, bob, carol, dave)
    ring_all(alice, bob, carol, dave)
    for party in everyone:
        for other in everyone:
            if other is not party:
                party.wait_window(other.name)
    for party in everyone:
        party.say(f"this is {party.name}", *[o for o in everyone if o is not party])
    dave.term.resize(80, 10)
    dave.term.wait_for("not fit: make the terminal taller", describe="the too-short notice")
    dave.term.resize(80, 24)
    dave.wait_window(alice.name)
    for party in everyone:
        party.hang_up()


th.run(test, timeout=110, prepare=th.require_peers)
