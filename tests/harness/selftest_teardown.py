#!/usr/bin/env python3
"""Harness self-test of teardown: a test that fails, and one that overruns its time limit, leave
no process behind (daemons, terminals, tmux), and both print what they saw."""

import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import talkharness as th  # noqa: E402


def start_things(lab, token):
    """A terminal and a daemon that would run for minutes, both carrying `token` in argv."""
    sleeper = [sys.executable, "-c", f"import time; time.sleep(300)  # {token}"]
    lab.start_daemon(th.Daemon("sleeper", [th.Service(518, sleeper)]))
    th.control.request(b"wake up", port=518, timeout=0.5)
    term = lab.terminal(th.ALICE, command=["/bin/sh", "-c", f": {token}; sleep 300"])
    term.wait_for(lambda _s: True)


def failing(lab, token):
    start_things(lab, token)
    raise AssertionError("deliberate failure")


def hanging(lab, token):
    start_things(lab, token)
    time.sleep(60)


def leftovers(token):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if token.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def test(_lab):
    for mode, expected in (("failing", "deliberate failure"),
                           ("hanging", "overall time limit")):
        token = f"teardown-{mode}-{os.getpid()}-{time.monotonic_ns()}"
        result = subprocess.run([sys.executable, __file__, mode, token], capture_output=True,
                                text=True, timeout=60, check=False)
        out = result.stdout + result.stderr
        assert result.returncode == 1, f"{mode}: exit {result.returncode}\n{out}"
        assert expected in out and "===== what the test saw =====" in out, out
        assert "daemon sleeper" in out and "screen of" in out, out
        deadline = time.monotonic() + 5
        while leftovers(token) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not leftovers(token), f"{mode}: processes left: {leftovers(token)}"


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "failing":
        th.run(lambda lab: failing(lab, sys.argv[2]), timeout=30)
    elif len(sys.argv) == 3 and sys.argv[1] == "hanging":
        th.run(lambda lab: hanging(lab, sys.argv[2]), timeout=4)
    th.run(test, timeout=100)
