#!/usr/bin/env python3
"""End-to-end: talk-ng's talkd started by hand as root (--foreground) binds ntalk and otalk
itself, gives up root for nobody.tty before serving, carries a netkit conversation, and stops
with status 0 on SIGTERM."""

import grp
import signal

from talkd_e2e_common import CALLER, check_announcement, th


def ids(pid):
    """(real uid, real gid) of a process."""
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return int(fields["Uid"].split()[0]), int(fields["Gid"].split()[0])


def test(lab):
    talkd = th.daemon("talk-ng").services[0].argv[0]
    proc = lab.spawn([talkd, "--foreground", "--bind", "127.0.0.1"], user="root")
    # It answers on 518 and 517 once it is up.
    reply = None
    for _ in range(50):
        reply = th.control.request(th.control.encode_ctl_msg(th.control.LOOK_UP, "x", "y"),
                                   timeout=0.1)
        if reply:
            break
    assert reply, "no answer on 518"
    assert ids(proc.pid) == (65534, grp.getgrnam("tty").gr_gid), ids(proc.pid)

    conv = th.Conversation(lab, th.client("netkit"), th.client("netkit"))
    conv.open_terminals()
    conv.start_client(conv.caller, conv.caller_client, th.BOB)
    check_announcement(lab, conv.callee)
    conv.respond_with = CALLER
    conv.answer()
    conv.wait_connected()
    conv.exchange(utf8=False)
    conv.hang_up("callee")

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=5) == 0


th.run(test, timeout=60, prepare=th.require_peers)
