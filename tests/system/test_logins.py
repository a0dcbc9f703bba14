#!/usr/bin/env python3
"""System test: talk-ng's talkd finds logged-in users on a real Debian booted with systemd
(systemd-nspawn): a logind-only `su -l` session (pam_systemd, no utmp record), an ssh session
(sshd on the box's loopback; on Debian 13 logind knows no tty for it and there is no utmp),
and a user with mesg n (PERMISSION_DENIED, nothing written); each ring is read back from the
callee's pty, under inetd and under socket activation (talkd.socket).

Usage: test_logins.py SUITE (bookworm = Debian 12, trixie = Debian 13). Exits 0, 1, or 77
when the machine cannot boot such a container or reach Debian's archive."""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debian_box  # noqa: E402
from debian_box import Box, Skip, log, wait_until  # noqa: E402
from talkharness import utmp  # noqa: E402

LOGS = "/var/lib/talkng"
SSH = ("ssh -tt -i /root/.ssh/id_ed25519 -o StrictHostKeyChecking=no "
       "-o UserKnownHostsFile=/dev/null -o LogLevel=ERROR")


# Runs on the pty script(1) holds: gives it to the user as login(1) would (owner, group tty,
# 0620), then `su -l` (pam_systemd makes the logind session; su writes no utmp record).
SU_LOGIN = """#!/bin/sh
tty=$(tty); chown "$1:tty" "$tty"; chmod 620 "$tty"
if [ "$2" = n ]; then exec su -l "$1" -c 'mesg n 2>/dev/null || chmod g-w $(tty); exec sleep 900'
fi
exec su -l "$1" -c 'exec sleep 900'
"""


def su_session(box, user, mesg):
    """A logind session with a tty, of a user who said mesg y or mesg n."""
    path = os.path.join(box.tree, "usr/local/bin/tk-su-login")
    with open(path, "w", encoding="ascii") as script:
        script.write(SU_LOGIN)
    os.chmod(path, 0o755)
    box.sh(f"systemd-run --quiet --unit=tk-su-{user} sh -c 'sleep 900 | "
           f"script -qfc \"tk-su-login {user} {mesg}\" {LOGS}/{user}.pty'")


def ssh_session(box, user):
    """An ssh login over the box's loopback; the ssh client's output is the remote pty's."""
    box.sh(f"systemd-run --quiet --unit=tk-ssh-{user} sh -c 'sleep 900 | "
           f"{SSH} {user}@127.0.0.1 > {LOGS}/{user}.pty 2>&1'")


def sessions_of(box, user):
    out = box.sh("loginctl list-sessions --no-legend", check=False).stdout
    return [line.split()[0] for line in out.splitlines() if user in line.split()]


def session_tty(box, session):
    return box.sh(f"loginctl show-session {session} -p TTY --value").stdout.strip()


def ring(box, user, expect):
    """ANNOUNCE to `user`; checks the answer and what appeared on their pty."""
    before = len(box.read(f"{LOGS}/{user}.pty"))
    done = box.net_run([sys.executable, os.path.join(os.path.dirname(__file__), "announce.py"),
                        user])
    answer = done.stdout.strip()
    assert answer == expect, f"ANNOUNCE to {user}: {answer} ({done.stderr}), want {expect}"
    if expect != "SUCCESS":
        time.sleep(0.5)
        assert "Talk_Daemon" not in box.read(f"{LOGS}/{user}.pty")[before:], "written anyway"
        return
    wait_until(f"the announcement on {user}'s pty",
               lambda: "connection requested by tkalice@" in box.read(f"{LOGS}/{user}.pty")
               [before:], 10)
    text = box.read(f"{LOGS}/{user}.pty")[before:]
    assert re.search(r"Message from Talk_Daemon@\S+ at \d{1,2}:\d\d", text), text


def utmp_records(data):
    size = utmp.RECORD_SIZE
    return [utmp.Record.unpack(data[i:i + size]) for i in range(0, len(data) - size + 1, size)]


def check(box, suite):
    box.sh("command -v sshd >/dev/null && systemctl start ssh.service")
    su_session(box, "tkbob", "y")
    ssh_session(box, "tkcarol")
    su_session(box, "tkdave", "n")
    for user in ("tkbob", "tkcarol", "tkdave"):
        wait_until(f"a logind session of {user}", lambda u=user: sessions_of(box, u), 30)
        wait_until(f"a pty of {user}", lambda u=user: box.sh(
            f"find /dev/pts -user {u}", check=False).stdout.strip(), 30)
    bob_tty = session_tty(box, sessions_of(box, "tkbob")[0])
    carol_tty = session_tty(box, sessions_of(box, "tkcarol")[0])
    log(f"{suite}: sessions: tkbob (su -l) tty={bob_tty or '-'}, "
        f"tkcarol (ssh) tty={carol_tty or '-'}")
    assert bob_tty.startswith("pts/"), f"su -l session without a tty: {bob_tty!r}"
    raw = box.read_inside("/run/utmp")
    logged = [r.user for r in utmp_records(raw or b"") if r.ut_type == utmp.USER_PROCESS]
    log(f"{suite}: /run/utmp: {'absent' if raw is None else logged}")
    assert "tkbob" not in logged, f"su -l wrote a utmp record: {logged}"
    if suite == "trixie":
        assert raw is None, "/run/utmp exists"
        assert carol_tty == "", f"logind knows the ssh session's tty here: {carol_tty}"
    else:
        assert "tkcarol" in logged, f"sshd wrote no utmp record: {logged}"

    for mode in ("inetd", "socket"):
        if mode == "socket":
            box.sh("systemctl stop inetd.service; "
                   "systemctl start talkd.socket talkd-otalk.socket")
        started = time.monotonic()
        ring(box, "tkbob", "SUCCESS")
        ring(box, "tkcarol", "SUCCESS")
        ring(box, "tkdave", "PERMISSION_DENIED")
        log(f"{suite}: {mode}: tkbob, tkcarol rung, tkdave refused "
            f"({time.monotonic() - started:.1f} s)")
    journal = box.sh("journalctl -q -o cat -t talkd --no-pager", check=False).stdout
    assert journal.count("to tkbob on pts/") >= 2, journal
    units = box.sh("systemctl show talkd.service -p NRestarts -p ExecMainStartTimestamp",
                   check=False).stdout
    log(f"{suite}: talkd's log:\n{journal.strip()}\n{units.strip()}")


def main():
    suite = sys.argv[1] if len(sys.argv) > 1 else "bookworm"
    started = time.monotonic()
    try:
        debian_box.require_machine()
        with Box(os.environ["TALK_BUILD_DIR"], suite) as box:
            try:
                check(box, suite)
            except BaseException:
                print("---- container console ----\n" + box.console_text())
                print(box.sh("journalctl -q --no-pager -n 80", check=False).stdout)
                for user in ("tkbob", "tkcarol", "tkdave"):
                    print(f"---- {user}'s pty ----\n" + box.read(f"{LOGS}/{user}.pty"))
                raise
    except Skip as reason:
        print(f"SKIP: {reason}")
        return 77
    log(f"{suite}: passed in {time.monotonic() - started:.1f} s")
    return 0


sys.exit(main())
