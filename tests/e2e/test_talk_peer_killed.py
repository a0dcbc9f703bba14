#!/usr/bin/env python3
"""End-to-end: when the peer's talk is killed mid-sentence, the other side says the connection
closed, keeps everything readable (and scrollable) until a key is pressed, then exits 0."""

import os
import signal
import time

from talk_e2e_common import connected_pair, is_split, th


def test(lab):
    conv = connected_pair(lab)
    caller, callee = conv.caller, conv.callee
    conv.say(caller, callee, th.ASCII_LINES[0])
    callee.type("half a sent")  # no Enter: the line is unfinished when the peer dies
    caller.wait_for("half a sent", region="peer")
    os.kill(callee.pid, signal.SIGKILL)  # the pane's process is the exec'd client
    caller.wait_for("Connection closed", describe="Connection closed after the peer was killed")
    screen = caller.screen()
    assert is_split(screen), screen.framed("caller")
    assert screen.peer_half().contains("half a sent"), screen.framed("caller")
    assert screen.own_half().contains(th.ASCII_LINES[0]), screen.framed("caller")
    caller.press("C-p")  # scrolling still works and does not end the program
    time.sleep(0.3)
    assert caller.exit_status() is None, "talk must wait for a key"
    caller.type("q")
    caller.wait_for(lambda _s: caller.exit_status() is not None, describe="talk to exit")
    assert caller.exit_status() == 0, caller.exit_status()


th.run(test, timeout=90, prepare=th.require_peers)
