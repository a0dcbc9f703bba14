#!/usr/bin/env python3
"""End-to-end: a three-person conference through talk-ng's own talkd (inetd-style, 518 and
517): tkalice's two invitations stand side by side, tkbob's silent invitation for tkcarol is
found by her LOOK_UP, and everyone ends up connected to everyone."""

from talk_conference_common import three_in_mesh
from talk_e2e_common import th


def test(lab):
    alice, bob, carol = three_in_mesh(lab, "talk-ng")
    bob.say("through talk-ng's talkd", alice, carol)
    carol.say("ça marche ✓", alice, bob)
    for party in (alice, bob, carol):
        party.hang_up()


th.run(test, timeout=110, prepare=th.require_peers)
