#!/usr/bin/env python3
"""End-to-end: talk-ng's talk calls tkbob through talk-ng's talkd and tkbob answers with Debian's
utalk. utalk finds the invitation and speaks its own protocol (SRDP over UDP) to the invitation's
port, which talk opens for UDP as well as TCP; the conversation continues in talk's split
screen: text both ways with erase and word erase, utalk's topic on talk's separator line, and
utalk's quit shown as "Connection closed"."""

from talkd_e2e_common import CALLER, check_announcement, talkd, th


def test(lab):
    lab.start_daemon(talkd())
    conv = th.Conversation(lab, th.client("talk-ng"), th.client("utalk"))
    conv.open_terminals()
    conv.start_client(conv.caller, conv.caller_client, th.BOB)
    check_announcement(lab, conv.callee)
    conv.respond_with = CALLER
    conv.answer()
    alice, bob = conv.caller, conv.callee
    alice.wait_for("[Connection established]", describe="talk hearing utalk's SRDP")
    alice.type("hello bob x")
    alice.press("BSpace")
    alice.press("C-w")
    alice.type("utalk")
    bob.wait_for(lambda s: s.peer_half().has_row("hello utalk"),
                 describe="talk's text, erase and word erase on utalk's screen")
    bob.type("hi alice")
    alice.wait_for(lambda s: s.peer_half().has_row("hi alice"), describe="utalk's text on talk")
    bob.press("C-t")
    bob.type("mytopic")
    bob.press("Enter")
    alice.wait_for("[Topic: mytopic]", describe="utalk's topic on talk's status line")
    bob.press("C-c")
    alice.wait_for("Connection closed", describe="talk seeing utalk quit")
    alice.press("q")
    alice.wait_for("[client exited with status 0]", region="history", describe="talk exiting")


th.run(test, timeout=90, prepare=th.require_peers)
