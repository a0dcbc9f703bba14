#!/usr/bin/env python3
"""End-to-end: talk-ng and Debian's utalk hold conversations in utalk's protocol (SRDP over UDP)
without talk daemons, both ways: `talk -s PORT` with `utalk -c 127.0.0.1 PORT`, and `utalk -s
PORT` with `talk -c 127.0.0.1 PORT`. Text goes both ways with erase, word erase and kill, utalk's
topic shows on talk's status line and talk's (^T) on utalk's, and a quit on either side shows
"Connection closed" on the other."""

from talk_e2e_common import th


def start(term, argv):
    term.type_line(" ".join(argv) + '; echo "[client exited with status $?]"')


def edits_both_ways(talk_term, utalk_term):
    talk_term.type("hello utalk")
    talk_term.press("BSpace")
    utalk_term.wait_for(lambda s: s.peer_half().has_row("hello utal"),
                        describe="talk's text and erase on utalk's screen")
    talk_term.press("Enter")
    talk_term.type("second words")
    talk_term.press("C-w")
    utalk_term.wait_for(lambda s: s.peer_half().has_row("second"),
                        describe="talk's word erase on utalk's screen")
    utalk_term.type("from utalk xyz")
    utalk_term.press("C-w")
    utalk_term.type("ok")
    talk_term.wait_for(lambda s: s.peer_half().has_row("from utalk ok"),
                       describe="utalk's text and word erase on talk's screen")
    utalk_term.press("C-u")
    talk_term.wait_for(lambda s: not s.peer_half().contains("from utalk"),
                       describe="utalk's kill on talk's screen")
    utalk_term.press("C-t")
    utalk_term.type("mytopic")
    utalk_term.press("Enter")
    talk_term.wait_for("[Topic: mytopic]", describe="utalk's topic on talk's status line")
    talk_term.press("C-t")
    talk_term.type("our topic")
    talk_term.press("Enter")
    utalk_term.wait_for("our topic", describe="talk's ^T topic on utalk's status bar")
    talk_term.wait_for("[Topic: our topic]", describe="talk's ^T topic on its own status line")


def test(lab):
    talk = lab.reachable(th.client("talk-ng"))
    utalk = lab.reachable(th.client("utalk"))
    # talk-ng is the raw server, utalk the client; utalk quits.
    alice = lab.terminal(th.ALICE, name="talk-server")
    bob = lab.terminal(th.BOB, name="utalk-client")
    alice.wait_for("$", describe="shell prompt")
    bob.wait_for("$", describe="shell prompt")
    start(alice, talk.command("-s", "40021"))
    alice.wait_for("Waiting for your party", describe="talk waiting on its UDP port")
    start(bob, utalk.command("-c", "127.0.0.1", "40021"))
    alice.wait_for("[Connection established]", describe="talk hearing utalk")
    edits_both_ways(alice, bob)
    bob.press("C-c")
    alice.wait_for("Connection closed", describe="talk seeing utalk quit")
    alice.press("q")
    alice.wait_for("[client exited with status 0]", region="history", describe="talk exiting")
    # utalk is the raw server, talk-ng the client; talk quits.
    carol = lab.terminal(th.CAROL, name="utalk-server")
    dave = lab.terminal(th.ALICE, name="talk-client")
    carol.wait_for("$", describe="shell prompt")
    dave.wait_for("$", describe="shell prompt")
    start(carol, utalk.command("-s", "40022"))
    start(dave, talk.command("-c", "127.0.0.1", "40022"))
    carol.wait_for("@127.0.0.1", describe="utalk hearing talk")
    dave.wait_for("[Connection established]", describe="talk hearing utalk")
    edits_both_ways(dave, carol)
    dave.press("C-c")
    carol.wait_for("Connection closed", region="history", describe="utalk seeing talk quit")
    dave.wait_for("[client exited with status", region="history", describe="talk exiting")


th.run(test, timeout=100, prepare=th.require_peers)
