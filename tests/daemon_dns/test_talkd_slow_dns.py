#!/usr/bin/env python3
"""Integration: a caller whose reverse DNS answers after 3 s stalls nobody. In the test's own
namespaces (private /etc/resolv.conf and nsswitch.conf, a DNS server of its own), talk-ng's talkd
answers other callers within a second (milliseconds on an idle machine) while the slow caller's
announcement waits; it then names the slow caller's host, and after its bound (4 s) names a
caller whose DNS never answers by its address."""

import os
import socket
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "harness"))
import talkharness as th  # noqa: E402
from slow_dns_server import SlowDnsServer  # noqa: E402

c = th.control
SLOW, FAST, SILENT = "10.77.0.2", "10.77.0.3", "10.77.0.4"
HOSTS = {SLOW: ("slow.talklab.test", 3.0), FAST: ("fast.talklab.test", 0.0),
         SILENT: ("silent.talklab.test", None)}
FAST_ENOUGH = 1.0  # seconds; milliseconds when the machine is idle


def private_file(path, text):
    """Binds a file holding `text` over `path` in this mount namespace only."""
    copy = os.path.join("/run/talkharness", os.path.basename(path))
    with open(copy, "w") as f:
        f.write(text)
    target = os.path.realpath(path)
    if not os.path.exists(target):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        open(target, "w").close()
    subprocess.run(["mount", "--bind", copy, target], check=True)


def timed_request(payload, source, timeout=10.0, resend=0.5):
    """Sends `payload` from `source` like a client (resent every `resend` s); (reply, seconds)."""
    start = time.monotonic()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((source, 0))
        sock.settimeout(resend)
        while time.monotonic() - start < timeout:
            sock.sendto(payload, ("127.0.0.1", 518))
            try:
                return sock.recv(100), time.monotonic() - start
            except socket.timeout:
                continue
    return None, time.monotonic() - start


def announce(caller, callee, pid):
    return c.encode_ctl_msg(c.ANNOUNCE, caller, callee, id_num=0xFFFFFFFF, pid=pid,
                            addr=c.pack_addr("127.0.0.1", 40000),
                            ctl_addr=c.pack_addr("127.0.0.1", 40001))


def test(lab):
    private_file("/etc/resolv.conf", "nameserver 127.0.0.1\noptions timeout:10 attempts:1\n")
    private_file("/etc/nsswitch.conf",
                 "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n")
    for ip in HOSTS:
        subprocess.run(["ip", "addr", "add", f"{ip}/32", "dev", "lo"], check=True)
    dns = SlowDnsServer(HOSTS)
    try:
        run_checks(lab, dns)
    finally:
        dns.stop()


def run_checks(lab, dns):
    launcher = lab.start_daemon(th.daemon("talk-ng"))
    terms = {user: lab.terminal(user, name=user) for user in (th.BOB, th.CAROL, th.ALICE)}
    for term in terms.values():
        term.wait_for("$", describe="shell prompt")

    results = {}

    def call(key, caller_ip, caller, callee, pid):
        results[key] = timed_request(announce(caller, callee, pid), caller_ip)

    slow = threading.Thread(target=call, args=("slow", SLOW, th.ALICE, th.BOB, 101))
    silent = threading.Thread(target=call, args=("silent", SILENT, th.BOB, th.ALICE, 102))
    started = time.monotonic()
    slow.start()
    silent.start()
    time.sleep(0.3)

    # Meanwhile: look-ups, an invitation and another caller's announcement, all answered at once.
    fast = []
    lookup = c.encode_ctl_msg(c.LOOK_UP, th.CAROL, th.ALICE, ctl_addr=c.pack_addr("127.0.0.1"))
    for _ in range(10):
        reply, seconds = timed_request(lookup, "127.0.0.1", timeout=5.0, resend=5.0)
        assert reply is not None and c.decode_ctl_response(reply)["answer"] == 1, reply
        fast.append(seconds)
    invite = c.encode_ctl_msg(c.LEAVE_INVITE, th.CAROL, th.ALICE, pid=103,
                              addr=c.pack_addr(FAST, 40000), ctl_addr=c.pack_addr(FAST, 40001))
    reply, seconds = timed_request(invite, FAST, timeout=5.0, resend=5.0)
    assert reply is not None and c.decode_ctl_response(reply)["answer"] == 0, reply
    fast.append(seconds)
    reply, seconds = timed_request(announce(th.ALICE, th.CAROL, 104), FAST, timeout=5.0,
                                   resend=5.0)
    assert reply is not None and c.decode_ctl_response(reply)["answer"] == 0, reply
    fast.append(seconds)
    if time.monotonic() - started < 2.5:  # all done before the slow name could come
        assert "slow" not in results, f"the slow caller was answered early: {results}"

    slow.join(timeout=15)
    silent.join(timeout=15)
    slow_reply, slow_seconds = results.get("slow", (None, 0))
    silent_reply, silent_seconds = results.get("silent", (None, 0))
    print(f"other requests: {len(fast)}, slowest {max(fast) * 1000:.1f} ms, "
          f"median {sorted(fast)[len(fast) // 2] * 1000:.1f} ms")
    print(f"slow caller (PTR after 3 s) answered after {slow_seconds:.2f} s; "
          f"silent caller (no PTR answer) after {silent_seconds:.2f} s")
    print(f"DNS queries: {dns.queries}")
    assert max(fast) < FAST_ENOUGH, fast
    assert slow_reply is not None and c.decode_ctl_response(slow_reply)["answer"] == 0
    assert 2.5 <= slow_seconds < 4.0 + 2.0, slow_seconds
    assert silent_reply is not None and c.decode_ctl_response(silent_reply)["answer"] == 0
    assert 3.5 <= silent_seconds < 4.0 + 3.0, silent_seconds

    terms[th.BOB].wait_for(f"connection requested by {th.ALICE}@slow.talklab.test.",
                           describe="the slow caller's host name")
    terms[th.CAROL].wait_for(f"connection requested by {th.ALICE}@fast.talklab.test.",
                             describe="the fast caller's host name")
    terms[th.ALICE].wait_for(f"connection requested by {th.BOB}@{SILENT}.",
                             describe="the silent caller's address")
    assert launcher.starts() == 1, launcher.report()


th.run(test, timeout=90)
