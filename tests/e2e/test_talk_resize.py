#!/usr/bin/env python3
"""End-to-end: resizing a terminal mid-conversation (once, and dozens of times in a row) lays
both halves out again with their text kept and rewrapped, and the conversation goes on."""

import time

from talk_e2e_common import assert_split, connected_pair, is_split, th

LONG = "the quick brown fox jumps over the lazy dog and keeps on running far away"  # 73


def joined_rows(screen):
    """The rows run together without spaces: a wrapped line reads the same as an unwrapped one."""
    return "".join(screen.rows).replace(" ", "")


def squeezed(text):
    return text.replace(" ", "")


def test(lab):
    conv = connected_pair(lab)
    caller, callee = conv.caller, conv.callee
    conv.say(caller, callee, LONG)
    conv.say(callee, caller, th.ASCII_LINES[1])

    caller.resize(40, 12)
    caller.wait_for(lambda s: is_split(s) and squeezed(LONG) in joined_rows(s.own_half()) and
                    squeezed(th.ASCII_LINES[1]) in joined_rows(s.peer_half()),
                    describe="both texts rewrapped at 40x12")
    for i in range(30):  # a burst of resizes, as when a window is dragged
        caller.resize(30 + (i * 7) % 70, 10 + (i * 5) % 30)
        time.sleep(0.01)
    caller.resize(80, 24)
    caller.wait_for(lambda s: is_split(s) and s.own_half().contains(LONG) and
                    s.peer_half().contains(th.ASCII_LINES[1]),
                    describe="both texts back on one row each at 80x24")
    assert_split(caller)
    conv.say(caller, callee, "still talking after resizes")
    conv.say(callee, caller, "and the answer arrives")
    conv.hang_up("callee")


th.run(test, timeout=90, prepare=th.require_peers)
