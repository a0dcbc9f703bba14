#!/usr/bin/env python3
"""The talk-XMPP gateway, XMPP -> talk: carol@localhost (a slixmpp client) sends "talk tkbob" to
the gateway; tkbob listed her as carol-x, so the classic announcement appears on his terminal
and he answers with Debian's inetutils `talk carol-x@localhost`; text goes both ways, with his
erase and word erase. eve, whom he did not list, is refused without a word on his terminal; a
flood of requests rings once; a second ring is answered with talk-ng's talk; a third one is
cut by the gateway stopping, which tells carol and leaves no invitation with talkd; a fourth
by the gateway being killed: the next one deletes the invitation it left and tells carol. The
gateway publishes tkbob's presence to carol, and not to eve."""

import json
import re
import signal
import time

import talkharness as th
from gateway_e2e_common import ACCOUNTS, GATEWAY_JID, Gateway, names_file, talkd
from private_prosody import DOMAIN, PrivateProsody, available
from talkharness import control as c
from talkharness.conversation import PEER_CLOSED
from xmpp_e2e_common import ScriptedPeer, have_slixmpp

ANNOUNCED = re.compile(r"respond with:  talk (carol-x@\S+)")


def body(text):
    return lambda line: line == "BODY " + json.dumps(text)


def announcements(term):
    return term.history().text.count("Message from Talk_Daemon@")


def client_exited(term):
    return len(re.findall(r"^\[client exited with status \d+\]", term.history().text, re.M))


def look_up(callee, caller):
    """tkbob's LOOK_UP for `caller`'s invitation, as his talk would send it."""
    reply = c.request(c.encode_ctl_msg(c.LOOK_UP, callee, caller,
                                       ctl_addr=c.pack_addr("127.0.0.1", 9), pid=7))
    assert reply is not None, "talkd did not answer"
    return c.ANSWERS[c.decode_ctl_response(reply)["answer"]]


def test(lab):
    if not available():
        raise th.Skip("prosody is not installed (apt-get install prosody)")
    if not have_slixmpp():
        raise th.Skip("python3-slixmpp is not installed")
    inetutils = lab.reachable(th.client("inetutils"))
    talk_ng = lab.reachable(th.client("talk-ng"))
    with PrivateProsody(ACCOUNTS) as prosody:
        gateway = Gateway(lab, prosody)
        lab.start_daemon(talkd(gateway))
        gateway.start()
        names_file(lab, th.BOB, "carol-x carol@localhost\n")
        carol = ScriptedPeer(f"carol@{DOMAIN}", ACCOUNTS["carol"], prosody.port, GATEWAY_JID)
        eve = ScriptedPeer(f"eve@{DOMAIN}", ACCOUNTS["eve"], prosody.port, GATEWAY_JID)
        try:
            carol.expect(lambda l: l == "ONLINE", "carol's login")
            eve.expect(lambda l: l == "ONLINE", "eve's login")
            bob = lab.terminal(th.BOB, name="bob")
            bob.wait_for("$", describe="shell prompt")

            # Not listed: refused, and nothing reaches the terminal.
            eve.command("body", json.dumps("talk tkbob"))
            eve.expect(body(f"[talk] {th.BOB} cannot be rung from your address."), "the refusal")
            time.sleep(1)
            assert announcements(bob) == 0, bob.history().text

            # A flood rings once.
            ring_time = time.monotonic()
            for _ in range(5):  # (the peer reads one command per wake-up)
                carol.command("body", json.dumps(f"talk {th.BOB}"))
                time.sleep(0.2)
            carol.expect(lambda l: l.startswith("BODY ") and "Ringing" in l, "the ring's news")
            match = bob.wait_for(ANNOUNCED, describe="the announcement")
            respond = match.group(1)
            assert respond == "carol-x@localhost", respond
            assert bob.screen().contains("connection requested by carol-x@localhost"), \
                bob.screen().text
            time.sleep(1)
            assert announcements(bob) == 1, bob.history().text

            # tkbob answers with inetutils talk.
            bob.type_line(f"{inetutils.path} {respond}; echo \"[client exited with status $?]\"")
            bob.wait_for("Connection established", describe="inetutils connected")
            carol.expect(body(f"[talk] {th.BOB} answered."), "the answer's news")
            bob.type_line("hello carol")
            carol.expect(body("hello carol"), "bob's line")
            bob.type("hellp")
            bob.press("BSpace")
            bob.type("o there old")
            bob.press("C-w")
            bob.type_line("friend")
            carol.expect(body("hello there friend"), "bob's edited line")
            carol.command("body", json.dumps("hi bob"))
            bob.wait_for("hi bob", describe="carol's line")
            bob.press("C-c")
            bob.wait_for(lambda s: client_exited(bob) == 1, describe="inetutils exited")
            carol.expect(lambda l: l == "STATE gone", "the end of the call")

            # Again, answered with talk-ng's talk; carol hangs up.
            time.sleep(max(0.0, 10.5 - (time.monotonic() - ring_time)))
            ring_time = time.monotonic()
            bob.type_line("clear")
            carol.command("body", json.dumps(f"talk {th.BOB}"))
            bob.wait_for(ANNOUNCED, describe="the second announcement")
            bob.type_line(f"{talk_ng.path} {respond}; echo \"[client exited with status $?]\"")
            bob.wait_for("Connection established", describe="talk-ng connected")
            carol.expect(body(f"[talk] {th.BOB} answered."), "the second answer's news")
            bob.type_line("from talk-ng")
            carol.expect(body("from talk-ng"), "bob's line from talk-ng")
            carol.command("body", json.dumps("caf\u00e9 ok"))
            bob.wait_for("caf? ok", region="peer", describe="carol's line, made ASCII")
            carol.command("quit")
            bob.wait_for(PEER_CLOSED, describe="the call closed by carol")
            bob.type("x")
            bob.wait_for(lambda s: client_exited(bob) == 2, describe="talk-ng exited")

            # A ring cut by the gateway stopping: carol is told, talkd keeps no invitation.
            carol = ScriptedPeer(f"carol@{DOMAIN}", ACCOUNTS["carol"], prosody.port, GATEWAY_JID)
            carol.expect(lambda l: l == "ONLINE", "carol's login again")
            time.sleep(max(0.0, 10.5 - (time.monotonic() - ring_time)))
            ring_time = time.monotonic()
            bob.type_line("clear")
            carol.command("body", json.dumps(f"talk {th.BOB}"))
            bob.wait_for(ANNOUNCED, describe="the third announcement")
            assert look_up(th.BOB, "carol-x") == "SUCCESS"
            assert gateway.stop() == 0, gateway.log()
            carol.expect(lambda l: l.startswith("BODY ") and "gateway is stopping" in l,
                         "the gateway's goodbye")
            assert look_up(th.BOB, "carol-x") == "NOT_HERE"

            # A crash mid-ring: the next gateway deletes what the first one left, and tells carol.
            # Starting, it publishes tkbob's presence to carol, whom he listed (not to eve).
            gateway.start()
            carol.expect(lambda l: l.startswith(f"PRESENCE {GATEWAY_JID} ") and
                         f"{th.BOB}: " in l, "tkbob's presence")
            time.sleep(max(0.0, 10.5 - (time.monotonic() - ring_time)))  # talkd's limit
            bob.type_line("clear")
            carol.command("body", json.dumps(f"talk {th.BOB}"))
            bob.wait_for(ANNOUNCED, describe="the fourth announcement")
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and len(gateway.state_lines()) < 2:
                time.sleep(0.05)
            assert len(gateway.state_lines()) == 2, gateway.state_lines()
            gateway.stop(signal.SIGKILL)
            assert look_up(th.BOB, "carol-x") == "SUCCESS"  # what a crash leaves
            gateway.start()
            carol.expect(lambda l: l.startswith("BODY ") and "gateway restarted" in l,
                         "the news of the crash")
            assert look_up(th.BOB, "carol-x") == "NOT_HERE"
            assert gateway.state_lines() == []
            assert not any(l.startswith("PRESENCE") and th.BOB in l
                           for l in eve.drain() + eve.seen), eve.seen
        finally:
            carol.stop()
            eve.stop()
            gateway.stop()


th.run(test, timeout=170, prepare=th.require_peers)
