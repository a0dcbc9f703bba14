#!/usr/bin/env python3
"""End-to-end: `talk -u tkbob` announces itself as '!tkalice', utalk's mark, through talk-ng's
talkd, whose announcement then tells tkbob to answer with utalk. tkbob does so with Debian's
utalk, which finds the invitation under the plain name and speaks SRDP to its port: text both
ways, talk's ^T topic on utalk's status bar, and talk's quit shown on utalk."""

from talkd_e2e_common import CALLER, talkd, th


def test(lab):
    lab.start_daemon(talkd())
    conv = th.Conversation(lab, th.client("talk-ng"), th.client("utalk"))
    conv.open_terminals()
    alice, bob = conv.caller, conv.callee
    conv.start_client(alice, conv.caller_client, "-u", th.BOB)
    bob.wait_for(f"talk: connection requested by !{CALLER}.", describe="the '!' announcement")
    bob.wait_for(f"talk: respond with:  utalk !{CALLER}", describe="talkd asking for utalk")
    conv.start_client(bob, conv.callee_client, f"!{CALLER}")
    alice.wait_for("[Connection established]", describe="talk hearing utalk's SRDP")
    alice.type("hello from talk")
    bob.wait_for(lambda s: s.peer_half().has_row("hello from talk"),
                 describe="talk's text on utalk's screen")
    bob.type("hi from utalk")
    alice.wait_for(lambda s: s.peer_half().has_row("hi from utalk"),
                   describe="utalk's text on talk's screen")
    alice.press("C-t")
    alice.type("announced")
    alice.press("Enter")
    bob.wait_for("announced", describe="talk's topic on utalk's status bar")
    alice.press("C-c")
    bob.wait_for("Connection closed", region="history", describe="utalk seeing talk quit")
    alice.wait_for("[client exited with status 0]", region="history", describe="talk exiting")


th.run(test, timeout=90, prepare=th.require_peers)
