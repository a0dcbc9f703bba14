#!/usr/bin/env python3
"""End-to-end: on a machine that keeps no login records (no utmp file, no logind, as a Debian 13
chroot or a talkd built without libsystemd there), talk-ng's talkd still finds the callee on the
ptys they own: netkit's talk rings tkbob's least idle terminal, a terminal with mesg n is
refused with nothing written, and a user without a terminal is not logged on."""

import os
import subprocess
import time

from talkd_e2e_common import check_announcement, talkd, th


def call(lab, caller, target):
    conv = th.Conversation(lab, th.client("netkit"), th.client("netkit"))
    conv.start_client(caller, conv.caller_client, target)
    return conv


def private_ptys():
    """A devpts instance of this test's own, so the scan sees only the lab's terminals (the
    throwaway users may hold ptys in other tests on this machine at the same time)."""
    subprocess.run(["mount", "-t", "devpts", "-o", "newinstance,ptmxmode=0666,mode=0620,gid=5",
                    "devpts", "/dev/pts"], check=True)
    subprocess.run(["mount", "--bind", "/dev/pts/ptmx", "/dev/ptmx"], check=True)
    assert os.listdir("/dev/pts") == ["ptmx"], os.listdir("/dev/pts")


def test(lab):
    private_ptys()
    caller = lab.terminal(th.ALICE, name="caller")
    idle = lab.terminal(th.BOB, name="bob-idle")
    callee = lab.terminal(th.BOB, name="bob-active")
    for term in (caller, idle, callee):
        term.wait_for("$", describe="shell prompt")
    assert sorted(os.listdir("/dev/pts")) == ["0", "1", "2", "ptmx"], os.listdir("/dev/pts")
    os.unlink(th.utmp.UTMP_PATH)  # what the terminals wrote there is gone: no records at all
    idle.mark_active(time.time() - 3600)
    callee.mark_active()
    lab.start_daemon(talkd())

    conv = call(lab, caller, th.BOB)
    check_announcement(lab, callee)
    assert not idle.history().contains("Talk_Daemon"), idle.history().framed("bob-idle")
    caller.press("C-c")
    conv.wait_client_exit(caller)

    idle.set_mesg(False)
    callee.set_mesg(False)
    time.sleep(0.2)
    screen_before = callee.history().text
    conv = call(lab, caller, th.BOB)
    caller.wait_for("[Your party is refusing messages]", region="history")
    caller.press("C-c")
    conv.wait_client_exit(caller)
    assert callee.history().text == screen_before, callee.history().framed("bob-active")

    conv = call(lab, caller, th.CAROL)
    caller.wait_for("[Your party is not logged on]", region="history")
    caller.press("C-c")
    conv.wait_client_exit(caller)
    assert not os.path.exists(th.utmp.UTMP_PATH)


th.run(test, timeout=90, prepare=th.require_peers)
