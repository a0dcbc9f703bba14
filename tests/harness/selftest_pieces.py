#!/usr/bin/env python3
"""Harness self-test of its parts: isolation (with the private syslog), utmp records, logged-in
terminals, the inetd-style launcher (wait semantics, restarts), the traffic capture, and screen
halves."""

import os
import re
import socket
import stat
import sys
import syslog
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import talkharness as th  # noqa: E402

# A stand-in daemon: answers one datagram from fd 0 with "pong:<payload>" and exits, so each
# request needs a fresh start by the launcher.
ONE_SHOT_DAEMON = ("import socket; s = socket.socket(fileno=0); d, a = s.recvfrom(100); "
                   "s.sendto(b'pong:' + d, a)")


def check_isolation(lab):
    assert socket.gethostname() == lab.hostname
    with open("/etc/hosts") as f:
        assert f.read().startswith("127.0.0.1\tlocalhost talklab"), "private /etc/hosts"
    st = os.stat("/var/run/utmp")
    assert stat.S_IMODE(st.st_mode) == 0o664 and st.st_size == 0, oct(st.st_mode)
    assert socket.gethostbyname("localhost") == "127.0.0.1"
    ifaces = [name for _, name in socket.if_nameindex()]
    assert ifaces == ["lo"], f"only lo in the namespace, got {ifaces}"
    syslog.openlog("talkharness-check")
    syslog.syslog(syslog.LOG_NOTICE, "syslog reaches the lab")
    assert lab.syslog.wait_for(r"talkharness-check.*: syslog reaches the lab"), lab.syslog.report()


def check_utmp():
    th.utmp.login("pts/99", "tkcarol", 4242)
    records = th.utmp.read_records()
    assert [(r.line, r.user, r.ut_type) for r in records] == [("pts/99", "tkcarol", 7)], records
    who = os.popen("who /var/run/utmp").read()  # glibc's reader agrees with our records
    assert re.search(r"^tkcarol\s+pts/99\s", who, re.M), who
    th.utmp.logout("pts/99")
    assert th.utmp.read_records()[0].ut_type == th.utmp.DEAD_PROCESS
    assert os.popen("who /var/run/utmp").read() == ""


def check_terminals(lab):
    alice = lab.terminal(th.ALICE)
    alice2 = lab.terminal(th.ALICE)  # one user on two ptys
    for term in (alice, alice2):
        st = os.stat(term.tty)
        assert stat.S_IMODE(st.st_mode) == 0o620, oct(st.st_mode)
        assert st.st_uid == lab.user(th.ALICE).uid and st.st_gid == th.users.tty_gid()
    alice.wait_for("$")
    alice.type_line("echo user=$(id -un) login=$(logname) tty=$(tty)")
    alice.wait_for(f"user={th.ALICE} login={th.ALICE} tty={alice.tty}")
    alice.type_line("printf 'caf\\303\\251 \\342\\234\\223 \\346\\227\\245\\n'")
    alice.wait_for("café ✓ 日")
    alice.resize(100, 30)
    alice.type_line("stty size")
    alice.wait_for("30 100")
    assert alice.screen().width == 100 and alice.screen().height == 30
    alice2.mark_active(time.time() + 5)
    assert os.stat(alice2.tty).st_atime > os.stat(alice.tty).st_atime
    alice.type_line("exit 3")
    alice.wait_for(lambda _s: alice.exit_status() == 3, describe="exit status 3")
    alice2.set_mesg(False)
    assert stat.S_IMODE(os.stat(alice2.tty).st_mode) == 0o600


def check_launcher(lab):
    daemon = th.Daemon("one-shot", [th.Service(518, [sys.executable, "-c", ONE_SHOT_DAEMON])])
    launcher = lab.start_daemon(daemon)
    for n in range(3):
        reply = th.control.request(f"ping{n}".encode(), port=518, timeout=3)
        assert reply == f"pong:ping{n}".encode(), (reply, launcher.report())
    deadline = time.monotonic() + 5
    while len(launcher.exits()) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert launcher.starts() == 3 and launcher.exits() == [0, 0, 0], launcher.report()
    try:  # the port is taken: a second daemon cannot bind it silently
        lab.start_daemon(daemon)
        raise AssertionError("a second launcher bound 518")
    except OSError:
        pass
    request = th.control.encode_ctl_msg(th.control.LOOK_UP, "tkalice", "tkbob")
    assert len(request) == 84
    th.control.request(request, port=518, timeout=3)
    deadline = time.monotonic() + 3
    while not any("LOOK_UP id=0 'tkalice'->'tkbob'" in l for l in lab.capture.lines):
        assert time.monotonic() < deadline, lab.capture.report()
        time.sleep(0.05)


def check_spawn(lab):
    proc = lab.spawn(["/bin/sh", "-c", "id -un; echo spawned-output; sleep 30"], user="nobody",
                     group="tty")
    deadline = time.monotonic() + 5
    while "spawned-output" not in lab.report():
        assert time.monotonic() < deadline, lab.report()
        time.sleep(0.05)
    assert "nobody\nspawned-output" in lab.report().replace("  ", "")
    assert proc.poll() is None
    lab.close()
    assert proc.poll() is not None, "a spawned process survived teardown"


def check_screen():
    rows = ["[Connection established]", "mine"] + [""] * 10 + ["-" * 80, "theirs"] + [""] * 10
    screen = th.Screen(rows)
    assert screen.is_split() and screen.own_half().contains("mine")
    assert screen.peer_half().contains("theirs") and not screen.peer_half().contains("mine")
    assert not th.Screen(["$ ls"]).is_split()


def test(lab):
    check_isolation(lab)
    check_utmp()
    check_terminals(lab)
    check_launcher(lab)
    check_screen()
    check_spawn(lab)  # last: it tears the lab down


if __name__ == "__main__":
    th.run(test, timeout=50)
