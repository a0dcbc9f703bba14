#!/usr/bin/env python3
"""Harness self-test: a whole session between two copies of one peer (netkit or inetutils) via that
peer's own talkd, as two users; proves the harness before talk-ng is judged by it.

Usage: selftest_session.py netkit|inetutils
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import talkharness as th  # noqa: E402

# How each daemon names itself (inetutils: the canonical name of gethostname(), and /etc/hosts
# lists "localhost" first) and the caller, and whether "connection requested by" ends in '.'.
EXPECTED = {"netkit": ("talklab", "127.0.0.1", "."), "inetutils": ("localhost", "localhost", "")}


def test(lab):
    peer = sys.argv[1]
    daemon_host, host, period = EXPECTED[peer]
    launcher = lab.start_daemon(th.daemon(peer))
    conv = th.Conversation(lab, th.client(peer), th.client(peer))
    conv.open_terminals()
    assert conv.ring() == f"{th.ALICE}@{host}", conv.respond_with
    screen = conv.callee.screen()
    assert screen.contains(f"Message from Talk_Daemon@{daemon_host} at "), screen.text
    assert screen.contains(f"talk: connection requested by {th.ALICE}@{host}{period}\n") or \
        screen.search(rf"talk: connection requested by {th.ALICE}@{host}{period} *$"), screen.text
    conv.answer()
    conv.wait_connected()
    for term in (conv.caller, conv.callee):
        assert term.screen().is_split(), term.screen().framed(term.name)
    conv.exchange(utf8=False)
    conv.hang_up("caller")
    assert launcher.starts() >= 1
    assert all(status >= 0 for status in launcher.exits()), launcher.report()
    seen = " ".join(lab.capture.lines)
    for request in ("LOOK_UP", "LEAVE_INVITE", "ANNOUNCE", "DELETE", "SYN"):
        assert request in seen, f"no {request} seen\n{lab.capture.report()}"
    if peer == "netkit":  # Debian's netkit talkd logs each request through libwrap
        assert lab.syslog.wait_for(r"talkd\[\d+\]: connect from 127\.0\.0\.1"), lab.syslog.report()
    print("timings (s):", conv.timings, "exit statuses:", conv.exit_statuses)

    # Teardown leaves nothing behind: no daemon, no tmux server, no live utmp record.
    tmux_pid, daemon_pids = lab.tmux.server_pid, launcher.running_pids()
    lab.close()
    for pid in [tmux_pid, *daemon_pids]:
        assert not _alive(pid), f"pid {pid} survived teardown"
    live = [r for r in th.utmp.read_records() if r.ut_type == th.utmp.USER_PROCESS]
    assert not live, live


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in EXPECTED:
        sys.exit(f"usage: {sys.argv[0]} {'|'.join(EXPECTED)}")
    th.run(test, timeout=80, prepare=th.require_peers)
