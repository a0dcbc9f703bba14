"""Locate benchmark: how long talkd takes to find a callee among 500 sessions, per source.

On this machine (as root): 500 real ptys held open, spread over 100 uids, one of them the
callee's, and a private utmp file with a record for each: utmp (today's path, --utmp), and the
pts scan alone (a machine with neither utmp nor logind). In a Debian 12 container booted with
systemd (tests/system/debian_box.py; skipped when it cannot boot): 500 logind sessions with a
pty each, the callee's among them: logind (a session with a tty), and logind plus the scan (the
callee's session has no tty, as ssh logins under logind). locate_load times UserLocator::locate.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import talkharness as th
from talkharness import users, utmp

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "system"))
import debian_box  # noqa: E402

SESSIONS = 500
ROUNDS = os.environ.get("BENCH_ROUNDS", "2000")


def locate(argv, runner=None):
    tool = os.path.join(th.build_dir(), "bench", "locate_load")
    cmd = [tool, "--rounds", ROUNDS, *argv]
    out = (runner(cmd) if runner else subprocess.run(cmd, capture_output=True, text=True,
                                                     timeout=300))
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {out.stdout}{out.stderr}")
    return dict(field.split("=") for field in out.stdout.split())


def on_this_machine():
    bob = users.ensure_user(th.BOB)
    ptys = []
    workdir = tempfile.mkdtemp(prefix="talk-locate-")
    try:
        path = os.path.join(workdir, "utmp")
        for i in range(SESSIONS):
            master, slave = os.openpty()
            ptys += [master, slave]
            line = os.ttyname(slave)[len("/dev/"):]
            owner, name = (bob.uid, th.BOB) if i == SESSIONS // 2 else (61000 + i % 100,
                                                                         f"bench{i % 100}")
            os.fchown(slave, owner, users.tty_gid())
            os.fchmod(slave, 0o620)
            utmp.login(line, name, 10000 + i, path=path)
        return {"utmp": locate(["--user", th.BOB, "--utmp", path]),
                "scan only": locate(["--user", th.BOB, "--scan-always"])}
    finally:
        for fd in ptys:
            os.close(fd)
        shutil.rmtree(workdir, ignore_errors=True)


SESSION_LOOP = """#!/bin/sh
# 499 logind sessions with a pty each (script + su -l), over 50 users, then the callees'.
for i in $(seq 1 499); do
  (sleep 900 | script -qfc "su -l bench$((i % 50)) -c 'exec sleep 900'" /dev/null) &
done
(sleep 900 | script -qfc "chown tkbob:tty \\$(tty); chmod 620 \\$(tty); exec su -l tkbob -c 'exec sleep 900'" /dev/null) &
XDG_SESSION_CLASS=user su -l tkcarol -c 'exec sleep 900' &  # no tty, as an ssh login
(sleep 900 | script -qfc "chown tkcarol:tty \\$(tty); chmod 620 \\$(tty); exec sleep 900" /dev/null) &
wait
"""


def in_a_booted_debian():
    debian_box.require_machine()
    with debian_box.Box(th.build_dir(), "bookworm") as box:
        bin_dir = os.path.join(box.tree, "usr/local/bin")
        shutil.copy(os.path.join(th.build_dir(), "bench", "locate_load"), bin_dir)
        with open(os.path.join(bin_dir, "tk-sessions"), "w", encoding="ascii") as script:
            script.write(SESSION_LOOP)
        os.chmod(os.path.join(bin_dir, "tk-sessions"), 0o755)
        box.sh("for i in $(seq 0 49); do useradd -M bench$i; done", timeout=120)
        box.sh("systemd-run --quiet --unit=tk-sessions /usr/local/bin/tk-sessions")
        def count():  # logind's session files: no D-Bus call while logind is busy
            out = box.sh("ls /run/systemd/sessions | grep -vc '[.]'", check=False, timeout=60)
            return int(out.stdout.strip() or 0)
        debian_box.wait_until(f"{SESSIONS + 1} logind sessions", lambda: count() > SESSIONS,
                              400, step=3)
        debian_box.log(f"{count()} logind sessions")

        def runner(cmd):
            inside = ["/usr/local/bin/locate_load", *cmd[1:]]
            return box.sh("setpriv --reuid=nobody --regid=tty --clear-groups " +
                          " ".join(inside), check=False, timeout=300)
        return {"logind": locate(["--user", th.BOB, "--logind"], runner),
                "logind + scan": locate(["--user", th.CAROL, "--logind", "--scan"], runner)}


def bench(_lab):
    results = on_this_machine()
    try:
        results.update(in_a_booted_debian())
    except debian_box.Skip as reason:
        print(f"logind figures skipped: {reason}")
    print(f"\nlocating one callee among {SESSIONS} sessions (UserLocator::locate, "
          f"{ROUNDS} rounds)")
    print(f"{'source':<15} {'median':>10} {'p99':>10}  answer")
    for name, r in results.items():
        print(f"{name:<15} {float(r['locate_median_us']):>7.1f} us "
              f"{float(r['locate_p99_us']):>7.1f} us  {r['answer']} {r['tty']}")
    sys.stdout.flush()


if __name__ == "__main__":
    if os.geteuid() != 0:
        sys.exit("bench_locate: needs root")
    bench(None)
