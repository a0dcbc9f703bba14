#!/usr/bin/env python3
"""The talk-XMPP gateway, talk -> XMPP: tkalice runs Debian's netkit `talk carol-x` (carol-x
names carol@localhost in her ~/.config/talk/xmpp-names); talk-ng's talkd hands the call to the
gateway, which rings carol (a plain slixmpp client, no real-time text). carol answers; text goes
both ways, with erase and word erase; carol hangs up. A second call, answered again, is hung up
by tkalice. Then tkbob's talk-ng XMPP client (tkbob@localhost) answers tkalice's `talk dave-x`
and real-time text goes both ways, erases included. Last, tkalice gives up while carol is
being rung, and carol is told."""

import json
import os
import re
import time

import talkharness as th
from talkharness.conversation import PEER_CLOSED
from gateway_e2e_common import ACCOUNTS, GATEWAY_JID, Gateway, names_file, talkd
from private_prosody import DOMAIN, PrivateProsody, available
from xmpp_e2e_common import ScriptedPeer, account_home, have_slixmpp



def body(text):
    return lambda line: line == "BODY " + json.dumps(text)


def call_carol(lab, term, netkit, carol):
    term.type_line(f"{netkit.path} carol-x; echo \"[client exited with status $?]\"")
    ring = carol.expect(lambda l: l.startswith("BODY ") and "wants to talk" in l, "the ring")
    assert f"{th.ALICE}@" in ring, ring
    carol.command("state", "active")
    term.wait_for("Connection established", describe="netkit connected to the gateway")


def client_exited(term):
    return len(re.findall(r"^\[client exited with status \d+\]", term.history().text, re.M))


def test(lab):
    if not available():
        raise th.Skip("prosody is not installed (apt-get install prosody)")
    if not have_slixmpp():
        raise th.Skip("python3-slixmpp is not installed")
    netkit = lab.reachable(th.client("netkit"))
    with PrivateProsody(ACCOUNTS) as prosody:
        gateway = Gateway(lab, prosody)
        lab.start_daemon(talkd(gateway))
        gateway.start()
        names_file(lab, th.ALICE, "# my XMPP contacts\ncarol-x carol@localhost\n"
                                  "dave-x\ttkbob@localhost\n")
        carol = ScriptedPeer(f"carol@{DOMAIN}", ACCOUNTS["carol"], prosody.port, GATEWAY_JID)
        try:
            carol.expect(lambda l: l == "ONLINE", "its login")
            alice = lab.terminal(th.ALICE, name="alice")
            alice.wait_for("$", describe="shell prompt")
            first_ring = time.monotonic()
            call_carol(lab, alice, netkit, carol)

            alice.type_line("hello carol")
            carol.expect(body("hello carol"), "alice's first line")
            alice.type("hellp")
            alice.press("BSpace")
            alice.type_line("o world")
            carol.expect(body("hello world"), "the line with an erase")
            alice.type("one two three")
            alice.press("C-w")
            alice.type_line("four")
            carol.expect(body("one two four"), "the line with a word erase")

            carol.command("body", json.dumps("hi alice"))
            alice.wait_for("hi alice", describe="carol's line on alice's screen")
            carol.command("body", json.dumps("caf\u00e9 \x9b2J"))
            alice.wait_for("caf? ", describe="a non-ASCII letter as ? and no escape")

            carol.command("quit")
            carol.expect(lambda l: l == "GONE-SENT", "its goodbye")
            alice.wait_for(PEER_CLOSED,
                           region="history", describe="the call closed")
            alice.press("C-c")
            alice.wait_for(lambda s: client_exited(alice) == 1, describe="netkit exited")

            # Again, hung up by the talk side (the ring limit is one per 10 s per JID).
            carol = ScriptedPeer(f"carol@{DOMAIN}", ACCOUNTS["carol"], prosody.port, GATEWAY_JID)
            carol.expect(lambda l: l == "ONLINE", "its login again")
            time.sleep(max(0.0, 10.5 - (time.monotonic() - first_ring)))
            alice.type_line("clear")
            second_ring = time.monotonic()
            call_carol(lab, alice, netkit, carol)
            alice.type_line("bye now")
            carol.expect(body("bye now"), "the last line")
            alice.press("C-c")
            alice.wait_for(lambda s: client_exited(alice) == 2, describe="netkit exited again")
            carol.expect(lambda l: l == "STATE gone", "the gateway's goodbye")

            # tkbob's talk-ng client as dave answers with real-time text.
            home = account_home(lab, os.path.join(lab.workdir, "xmpp-homes"), th.BOB,
                                prosody.port, ACCOUNTS["tkbob"])
            alice.type_line("clear")
            alice.type_line(f"{netkit.path} dave-x; echo \"[client exited with status $?]\"")
            gateway.wait_log(r"ringing tkbob@localhost for " + th.ALICE, "the ring to dave")
            bob = lab.terminal(th.BOB, name="bob")
            bob.wait_for("$", describe="shell prompt")
            client = lab.reachable(th.client("talk-ng"))
            bob.type_line(f"XDG_CONFIG_HOME={home} {client.path} xmpp:{GATEWAY_JID}")
            alice.wait_for("Connection established", describe="netkit connected for dave")
            bob.wait_for("Connection established", describe="dave's talk connected")
            bob.type("realtime")
            alice.wait_for("realtime", describe="dave's typing before Enter")
            bob.press("BSpace", "BSpace", "BSpace", "BSpace")
            bob.type("l text")
            bob.press("Enter")
            alice.wait_for("reall text", describe="dave's line after erases")
            alice.type("from netkit")
            bob.wait_for("from netkit", region="peer", describe="alice's typing before Enter")
            alice.press("C-w")
            alice.type_line("alice")
            bob.wait_for(lambda s: s.peer_half().contains("from alice") and
                         not s.peer_half().contains("netkit"),
                         describe="alice's word erase on dave's screen")
            bob.press("C-c")
            alice.wait_for(PEER_CLOSED,
                           region="history", describe="the call closed by dave")
            alice.press("C-c")
            alice.wait_for(lambda s: client_exited(alice) == 3, describe="netkit exited (dave)")

            # tkalice gives up before carol answers: her talk's DELETE reaches the gateway.
            time.sleep(max(0.0, 10.5 - (time.monotonic() - second_ring)))
            alice.type_line(f"{netkit.path} carol-x; echo \"[client exited with status $?]\"")
            carol.expect(lambda l: l.startswith("BODY ") and "wants to talk" in l, "a last ring")
            alice.press("C-c")
            carol.expect(body(f"[talk] {th.ALICE} stopped calling."), "the cancelled ring")
        finally:
            carol.stop()
            gateway.stop()


th.run(test, timeout=170, prepare=th.require_peers)
