#!/usr/bin/env python3
"""One cell of the interop matrix: ring, answer as told, exchange text both ways, hang up.

Usage: run_cell.py daemon=X.caller=Y.callee=Z   (cells and skips: tests/interop/cells.py)
"""

import os
import re
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "harness"))
import cells  # noqa: E402
import talkharness as th  # noqa: E402

RESPOND_WITH = re.compile(r"respond with:  u?talk (\S+)")


def utalk_callee(lab, daemon, caller, callee):
    """A talk-ng caller, a utalk callee: utalk answers the invitation in its own protocol."""
    lab.start_daemon(daemon)
    conv = th.Conversation(lab, caller, callee)
    conv.open_terminals()
    conv.ring()
    conv.answer()
    alice, bob = conv.caller, conv.callee
    alice.wait_for("[Connection established]", describe="talk hearing utalk")
    alice.type(th.ASCII_LINES[0])
    bob.wait_for(lambda s: s.peer_half().has_row(th.ASCII_LINES[0]), describe="talk -> utalk")
    bob.type(th.ASCII_LINES[1])
    alice.wait_for(lambda s: s.peer_half().has_row(th.ASCII_LINES[1]), describe="utalk -> talk")
    alice.press("C-c")
    bob.wait_for("Connection closed", region="history", describe="utalk seeing talk quit")
    alice.wait_for("[client exited with status", region="history", describe="talk exiting")


def otalk_only(daemon_name):
    """"talk-ng-otalk"/"netkit-otalk": that daemon serving the old protocol (UDP 517) alone."""
    base = th.daemon(daemon_name[:-len("-otalk")])
    return th.Daemon(daemon_name, [s for s in base.services if s.port == 517])


def utalk_caller(lab, daemon, caller, callee):
    """A utalk caller, a talk-ng callee: talk finds no TCP at the invitation's port and asks it
    in SRDP, where utalk waits."""
    lab.start_daemon(daemon)
    conv = th.Conversation(lab, caller, callee)
    conv.open_terminals()
    alice, bob = conv.caller, conv.callee
    conv.start_client(alice, conv.caller_client, th.BOB)
    match = bob.wait_for(RESPOND_WITH, describe="respond with: (u)talk ...")
    conv.start_client(bob, conv.callee_client, match.group(1))
    bob.wait_for("[Connection established]", describe="talk reaching utalk in SRDP")
    alice.type(th.ASCII_LINES[0])
    bob.wait_for(lambda s: s.peer_half().has_row(th.ASCII_LINES[0]), describe="utalk -> talk")
    bob.type(th.ASCII_LINES[1])
    alice.wait_for(lambda s: s.peer_half().has_row(th.ASCII_LINES[1]), describe="talk -> utalk")
    alice.press("C-c")
    bob.wait_for("Connection closed", describe="talk seeing utalk quit")


def test(lab, daemon_name, caller_name, callee_name):
    if caller_name == "utalk":
        utalk_caller(lab, otalk_only(daemon_name), th.client(caller_name),
                     th.client(callee_name))
        return
    if callee_name == "utalk":
        utalk_callee(lab, th.daemon(daemon_name), th.client(caller_name), th.client(callee_name))
        return
    daemon = th.daemon(daemon_name)
    caller, callee = th.client(caller_name), th.client(callee_name)
    for program in (daemon, caller, callee):
        if not program.available():
            raise AssertionError(f"{program} is enabled in tests/interop/cells.py but not built "
                                 "or not fetched")
    lab.start_daemon(daemon)
    conv = th.Conversation(lab, caller, callee)
    timings = conv.run(utf8=caller.utf8 and callee.utf8,
                       hang_up_side=cells.hang_up_side(daemon_name, caller_name, callee_name))
    print(f"cell {cells.name(daemon_name, caller_name, callee_name)}: timings (s) {timings}, "
          f"exit statuses {conv.exit_statuses}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    daemon_name, caller_name, callee_name = cells.parse(sys.argv[1])
    reason = cells.skip_reason(daemon_name, caller_name, callee_name)
    if reason:
        th.skip(reason)
    th.run(lambda lab: test(lab, daemon_name, caller_name, callee_name), timeout=60,
           prepare=th.require_peers)


if __name__ == "__main__":
    main()
