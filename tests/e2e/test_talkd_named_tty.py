#!/usr/bin/env python3
"""End-to-end: a caller that names the callee's terminal (`talk tkbob pts/N`) is answered by a
plain `talk tkalice@localhost`: the callee's LOOK_UP finds the invitation and the two connect,
with no ring back. Debian's inetutils and netkit talk and talk-ng's talk as callers, talk-ng's
and inetutils' talk as callees, through talk-ng's talkd; then the same inetutils call through
netkit's talkd, whose names-only matching talk-ng's talkd follows."""

import re

from talkd_e2e_common import CALLER, talkd, th

NETKIT_CALLER = f"{th.ALICE}@127.0.0.1"  # netkit's talkd names the caller's host by address
RANG_BACK = "Message from Talk_Daemon"


def named_tty_call(lab, caller_name, callee_name, respond_with=CALLER):
    n = len(lab.terminals) // 2 + 1  # terminal names must be unique in the lab
    conv = th.Conversation(lab, th.client(caller_name), th.client(callee_name))
    conv.caller = lab.terminal(th.ALICE, name=f"{caller_name}-caller-{n}")
    conv.callee = lab.terminal(th.BOB, name=f"{callee_name}-callee-{n}")
    for term in (conv.caller, conv.callee):
        term.wait_for("$", describe="shell prompt")
    conv.start_client(conv.caller, conv.caller_client, th.BOB, conv.callee.line)
    match = conv.callee.wait_for(re.compile(r"respond with:  talk (\S+)"),
                                 describe="the announcement on the named tty")
    assert match.group(1) == respond_with, match.group(0)
    conv.respond_with = respond_with
    conv.answer()
    conv.wait_connected()
    # Connected by the LOOK_UP: the caller's terminal was never rung back.
    assert RANG_BACK not in conv.caller.history().text, conv.caller.screen().framed("caller")
    conv.say(conv.caller, conv.callee, th.ASCII_LINES[0])
    conv.hang_up("callee")


def test(lab):
    launcher = lab.start_daemon(talkd())
    named_tty_call(lab, "inetutils", "talk-ng")
    named_tty_call(lab, "inetutils", "inetutils")
    named_tty_call(lab, "netkit", "talk-ng")
    named_tty_call(lab, "talk-ng", "talk-ng")
    # The invitations really carried the tty, and the callees' LOOK_UPs were answered SUCCESS.
    assert any("LEAVE_INVITE" in line and "tty='pts/" in line for line in lab.capture.lines), \
        lab.capture.report()
    assert any("CTL_RESPONSE v1 LOOK_UP SUCCESS" in line for line in lab.capture.lines), \
        lab.capture.report()
    launcher.stop()
    lab.start_daemon(th.daemon("netkit"))
    named_tty_call(lab, "inetutils", "inetutils", respond_with=NETKIT_CALLER)


th.run(test, timeout=110, prepare=th.require_peers)
