#!/usr/bin/env python3
"""xmpp end-to-end: tkalice and tkbob each run `talk xmpp:<the other>` through a private prosody
and meet in the middle; text goes both ways as it is typed (a word shows before Enter), erase,
word erase and kill act on the other screen, UTF-8 and a resize work, and when tkalice quits
tkbob's screen says so and both clients exit 0."""

import os
import tempfile

import talkharness as th
from private_prosody import PrivateProsody, available
from xmpp_e2e_common import account_home, start_talk

ACCOUNTS = {th.ALICE: "alice-pw", th.BOB: "bob-pw"}


def test(lab):
    if not available():
        raise th.Skip("prosody is not installed (apt-get install prosody)")
    with PrivateProsody(ACCOUNTS) as prosody, tempfile.TemporaryDirectory() as base:
        os.chmod(base, 0o755)
        homes = {u: account_home(lab, base, u, prosody.port, p) for u, p in ACCOUNTS.items()}
        client = lab.reachable(th.client("talk-ng"))
        conv = th.Conversation(lab, client, client)
        conv.open_terminals()
        alice, bob = conv.caller, conv.callee
        start_talk(alice, client, homes[th.ALICE], th.BOB)
        alice.wait_for("Waiting for your party to respond", timeout=15)
        start_talk(bob, client, homes[th.BOB], th.ALICE)
        for term in (alice, bob):
            term.wait_for("Connection established", timeout=15)
            assert term.screen().is_split(), term.screen().text

        alice.type("hello")
        bob.wait_for("hello", region="peer", describe="a word before Enter")
        bob.wait_for("your party is typing", describe="alice's typing state")
        alice.type(" wörld")
        alice.press("C-w")
        alice.type("there 日本語")
        alice.press("BSpace")
        alice.type("✓")
        alice.press("Enter")
        bob.wait_for(lambda s: s.peer_half().has_row("hello there 日本✓"),
                     describe="the line after the edits")
        bob.type("wrong line")
        alice.wait_for("wrong line", region="peer")
        bob.press("C-u")
        bob.type("héllo back")
        bob.press("Enter")
        alice.wait_for(lambda s: s.peer_half().has_row("héllo back") and
                       not s.peer_half().contains("wrong"), describe="the killed line replaced")

        bob.resize(100, 30)
        alice.type("after resize")
        alice.press("Enter")
        bob.wait_for("after resize", region="peer")

        alice.press("C-c")
        bob.wait_for("Connection closed", timeout=15)
        bob.type("x")
        assert conv.wait_client_exit(alice) == 0, alice.history().text
        assert conv.wait_client_exit(bob) == 0, bob.history().text


th.run(test, timeout=120)
