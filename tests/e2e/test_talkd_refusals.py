#!/usr/bin/env python3
"""End-to-end: netkit's talk through talk-ng's talkd is told "[Your party is refusing
messages]" when the callee ran mesg n, and "[Your party is not logged on]" for a user without a
terminal; nothing is written on the refusing terminal. (netkit's talk shows the answer and waits
for ^C.)"""

from talkd_e2e_common import talkd, th


def call(lab, caller, target):
    conv = th.Conversation(lab, th.client("netkit"), th.client("netkit"))
    conv.start_client(caller, conv.caller_client, target)
    return conv


def test(lab):
    lab.start_daemon(talkd())
    caller = lab.terminal(th.ALICE, name="caller")
    callee = lab.terminal(th.BOB, name="callee")
    for term in (caller, callee):
        term.wait_for("$", describe="shell prompt")

    callee.set_mesg(False)
    conv = call(lab, caller, th.BOB)
    caller.wait_for("[Your party is refusing messages]", region="history")
    caller.press("C-c")
    conv.wait_client_exit(caller)
    assert not callee.history().contains("Talk_Daemon"), callee.history().framed("callee")

    conv = call(lab, caller, th.CAROL)
    caller.wait_for("[Your party is not logged on]", region="history")
    caller.press("C-c")
    conv.wait_client_exit(caller)


th.run(test, timeout=60, prepare=th.require_peers)
