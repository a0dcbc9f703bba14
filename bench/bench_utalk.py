"""Keystroke latency in utalk's protocol (SRDP over UDP): talk-ng beside Debian's utalk, one run.

Each pair talks in utalk's raw mode on loopback (the receiver is `-s PORT`, the sender
`-c 127.0.0.1 PORT`; no daemons, nothing else on the wire). A byte written into the sender's pty
is timed until the receiver's pty prints it (median and p99 of BENCH_UTALK_KEYS keystrokes, one
at a time). Pairs, sender -> receiver: utalk -> utalk (the reference), talk-ng -> utalk,
utalk -> talk-ng and talk-ng -> talk-ng. utalk coalesces its own keystrokes for up to 250 ms
before it sends them, so every pair with utalk sending carries that delay; talk-ng sends at once.
BENCH_TALK=<path> measures another talk-ng binary.
"""
import os
import statistics
import sys
import time

import talkharness as th
from ptyclient import PtyUser

KEYS = int(os.environ.get("BENCH_UTALK_KEYS", "100"))
PAIRS = (("utalk", "utalk"), ("talk-ng", "utalk"), ("utalk", "talk-ng"), ("talk-ng", "talk-ng"))
# What the receiver prints once it hears its peer: talk's status, utalk's peer bar (port@ip).
HEARD = {"talk-ng": b"Connection established", "utalk": b"@127.0.0.1"}
KEY_LIMIT = 2.0  # seconds; a keystroke not shown by then is counted as lost


def client(name):
    if name == "talk-ng" and os.environ.get("BENCH_TALK"):
        return th.Client(name, os.environ["BENCH_TALK"], True)
    return th.client(name)


def connect(lab, sender_name, receiver_name, port):
    """The receiver waits on `port`, the sender connects; returns (sender, receiver) once the
    receiver shows that it heard the sender."""
    receiver = PtyUser(lab, th.BOB,
                       lab.reachable(client(receiver_name)).command("-s", str(port)))
    time.sleep(0.3)  # the receiver's socket is bound before the sender's first datagram
    sender = PtyUser(lab, th.ALICE, lab.reachable(client(sender_name)).command(
        "-c", "127.0.0.1", str(port)))
    if receiver.wait_for(HEARD[receiver_name], 5, others=[sender]) is None:
        sender.close()
        receiver.close()
        raise AssertionError(f"{sender_name} -> {receiver_name}: the receiver never heard it")
    time.sleep(0.5)  # both screens settle (utalk's first redraws, talk's status)
    sender.drain()
    receiver.drain()
    return sender, receiver


def keystrokes(sender, receiver):
    """Latency of each typed letter until the receiver's pty prints it, in milliseconds; a new
    line (untimed) every 60 keys so that no row wraps."""
    latencies, lost = [], 0
    for i in range(KEYS):
        if i % 60 == 59:
            sender.write(b"\r")
            time.sleep(0.4)
            sender.drain()
            receiver.drain()
            continue
        key = bytes([ord("a") + i % 26])
        receiver.seen.clear()
        sent = time.monotonic()
        sender.write(key)
        shown = receiver.wait_for(key, KEY_LIMIT, others=[sender])
        if shown is None:
            lost += 1
        else:
            latencies.append((shown - sent) * 1000)
        time.sleep(0.01)
        sender.drain()
    return sorted(latencies), lost


def bench(lab):
    print(f"\nKeystroke latency in utalk's protocol (raw mode, loopback, pty to pty, {KEYS} keys "
          f"one at a time)")
    print(f"{'sender':<8} {'receiver':<9} {'median':>10} {'p99':>10} {'lost':>5} {'vs utalk':>9}")
    results = {}
    for n, (sender_name, receiver_name) in enumerate(PAIRS):
        sender, receiver = connect(lab, sender_name, receiver_name, 40100 + n)
        try:
            lat, lost = keystrokes(sender, receiver)
        finally:
            sender.close()
            receiver.close()
        if not lat:
            raise AssertionError(f"{sender_name} -> {receiver_name}: no keystroke arrived")
        median = statistics.median(lat)
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        results[(sender_name, receiver_name)] = median
        reference = results[("utalk", "utalk")]
        print(f"{sender_name:<8} {receiver_name:<9} {median:>7.3f} ms {p99:>7.3f} ms {lost:>5} "
              f"{median / reference:>8.3f}x", flush=True)
    ours = results[("talk-ng", "utalk")] / results[("utalk", "utalk")]
    srdp = results[("talk-ng", "talk-ng")]
    print(f"talk-ng -> utalk / utalk -> utalk: median x{ours:.3f} (goal <= 1.00); "
          f"talk-ng <-> talk-ng over SRDP: median {srdp:.3f} ms (goal < 1 ms)")
    sys.stdout.flush()


th.run(bench, timeout=1800, prepare=th.require_peers)
