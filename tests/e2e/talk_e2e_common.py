"""Shared set-up of talk's end-to-end tests: the harness import and a connected pair of talk-ng
clients through Debian's netkit talkd (the reference daemon, so these tests judge the client)."""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "harness"))
import talkharness as th  # noqa: E402,F401  (re-exported for the tests)

DAEMON = "netkit"


def connected_pair(lab):
    """tkalice (talk-ng) calls tkbob (talk-ng), who answers; returns the connected Conversation."""
    lab.start_daemon(th.daemon(DAEMON))
    conv = th.Conversation(lab, th.client("talk-ng"), th.client("talk-ng"))
    conv.open_terminals()
    conv.ring()
    conv.answer()
    conv.wait_connected()
    return conv


def is_split(screen):
    """talk's layout: the row below the upper half holds a horizontal line (a status message in
    brackets may take part of it, even most of it on a narrow terminal)."""
    separator = screen.rows[screen.height // 2]
    return any(run in separator for run in ("\u2500" * 8, "q" * 8, "-" * 8))


def assert_split(term):
    screen = term.screen()
    assert is_split(screen), screen.framed(term.name)
