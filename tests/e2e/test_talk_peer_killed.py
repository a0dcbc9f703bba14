#!/usr/bin/env python3
"""End-to-end: when the peer's talk is killed mid-sentence, the other side says the connection
closed, keeps everything readable (and scrollable) until a key is pressed, then exits 0."""

import os
import signal
import time

from talk_e2e_common import connected_pair, is_split, th


def client_pid(term):
    """The talk process the terminal's shell started (the shell's only child)."""
    with open(f"/proc/{term.pid}/task/{term.pid}/children") as f:
        children = f.read().split()
    assert len(children) == 1, children
    return int(children[0])


def test(lab):
    conv = connected_pair(lab)
    caller, callee = conv.caller, conv.callee
    conv.say(caller, callee, th.ASCII_LINES[0])
    callee.type("half a sent")  # no Enter: the line is unfinished when the peer dies
    caller.wait_for("half a sent", region="peer")
    os.kill(client_pid(callee), signal.SIGKILL)
    caller.wait_for("Connection closed", describe="Connection closed after the peer was killed")
    screen = caller.screen()
    assert is_split(screen), screen.framed("caller")
    assert screen.peer_half().contains("half a sent"), screen.framed("caller")
    assert screen.own_half().contains(th.ASCII_LINES[0]), screen.framed("caller")
    caller.press("C-p")  # scrolling still works and does not end the program
    time.sleep(0.3)
    assert conv.client_status(caller) is None, "talk must wait for a key"
    caller.type("q")
    assert conv.wait_client_exit(caller) == 0, conv.client_status(caller)


th.run(test, timeout=90, prepare=th.require_peers)
