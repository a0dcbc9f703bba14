#!/usr/bin/env python3
"""End-to-end: Debian's netkit and inetutils talk hold whole conversations through talk-ng's
talkd started the inetd way (socket on fd 0, nobody.tty); the announcement reads as it should,
every answer goes back to its sender, and the daemon exits by itself once idle."""

import time

from talkd_e2e_common import CALLER, check_announcement, responses_go_to_sources, talkd, th


def conversation(lab, client_name):
    conv = th.Conversation(lab, th.client(client_name), th.client(client_name))
    conv.caller = lab.terminal(th.ALICE, name=f"{client_name}-caller")
    conv.callee = lab.terminal(th.BOB, name=f"{client_name}-callee")
    for term in (conv.caller, conv.callee):
        term.wait_for("$", describe="shell prompt")
    conv.start_client(conv.caller, conv.caller_client, th.BOB)
    check_announcement(lab, conv.callee)
    conv.respond_with = CALLER
    conv.answer()
    conv.wait_connected()
    conv.exchange(utf8=False)
    conv.hang_up("caller")
    assert conv.exit_statuses == {"caller": 0, "callee": 0}, conv.exit_statuses


def test(lab):
    launcher = lab.start_daemon(talkd(["-i", "2"]))
    conversation(lab, "netkit")
    conversation(lab, "inetutils")
    assert responses_go_to_sources(lab.capture.lines), lab.capture.report()
    for request in ("LOOK_UP", "ANNOUNCE", "LEAVE_INVITE", "DELETE"):
        assert any(request in line for line in lab.capture.lines), lab.capture.report()
    assert lab.syslog.wait_for(rf"talkd\[\d+\]: connect from {CALLER} to {th.BOB} on pts/\d+"), \
        lab.syslog.report()
    # Idle for 2 s with no invitation left: the daemon exits 0 and inetd may start it again.
    deadline = time.monotonic() + 10
    while launcher.running_pids() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not launcher.running_pids(), launcher.report()
    assert launcher.exits() and all(status == 0 for status in launcher.exits()), launcher.report()


th.run(test, timeout=90, prepare=th.require_peers)
