#!/usr/bin/env python3
"""xmpp end-to-end: tkalice runs `talk xmpp:bob@localhost` against a scripted slixmpp client
without real-time text: the ring arrives as a chat message, bob's presence (away) shows while
talk rings (slixmpp grants talk's subscription request), bob's chat states and messages show
on tkalice's screen, her lines arrive as messages and, as its disco#info lists no real-time
text, no <rtt/> is sent to it; then a message full of C1 escape sequences and
bidirectional overrides shows as plain text and leaves talk running; bob leaving closes the
talk. (Malformed and hostile real-time text: test_xmpp_hostile_peer.py, the unit tests and the
fuzzer.)"""

import json

import talkharness as th
from private_prosody import DOMAIN
from xmpp_e2e_common import talk_calling_scripted_bob

ALICE_JID = f"{th.ALICE}@{DOMAIN}"


def test(lab):
    with talk_calling_scripted_bob(lab) as (_, peer, conv, alice):
        ring = peer.expect(lambda l: l.startswith("BODY "), "the ring message")
        assert json.loads(ring[5:]) == (f"[talk] {ALICE_JID} wants to talk with you. "
                                       f"Answer with: talk xmpp:{ALICE_JID}"), ring
        alice.wait_for("Waiting for your party to respond")
        # slixmpp granted talk's presence subscription: its presence shows while ringing.
        peer.command("show", "away")
        alice.wait_for("Your party is away")

        peer.command("state", "composing")
        alice.wait_for("Connection established")
        alice.wait_for("your party is typing")
        peer.command("body", json.dumps("hi from a plain client"))
        alice.wait_for("hi from a plain client", region="peer")

        alice.type("line one")
        peer.expect(lambda l: l == "STATE composing", "alice composing")
        alice.press("Enter")
        peer.expect(lambda l: l == "BODY " + json.dumps("line one"), "alice's line")
        # Its disco#info lists no real-time text: talk sent none, only states and lines.
        assert "RTT" not in peer.seen, peer.seen

        # XML cannot carry C0 controls (a server drops the sender's stream), but C1 ones
        # such as CSI (U+009B) and bidirectional overrides pass.
        peer.command("body", json.dumps("esc \x9b2J\x9b]0;pwned\x9c \u202ered\x9b1m"))
        alice.wait_for("red", region="peer")
        peer.command("body", json.dumps("still alive"))
        alice.wait_for("still alive", region="peer", timeout=20)
        screen = alice.screen()
        assert screen.contains("]0;pwned"), screen.text
        assert conv.client_status(alice) is None, "talk ended on hostile input"

        peer.command("quit")
        peer.expect(lambda l: l == "GONE-SENT", "its goodbye")
        alice.wait_for("Connection closed", timeout=15)
        alice.type("x")
        assert conv.wait_client_exit(alice) == 0, alice.history().text


th.run(test, timeout=150)
