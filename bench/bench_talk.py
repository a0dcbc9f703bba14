"""Client benchmark: talk-ng's talk beside Debian's netkit and inetutils talk, in one run.

(a) Rendezvous with 20 % of the control datagrams lost (nftables drop rules on input in the run's
    own network namespace, UDP 517/518 only, both directions, so no sender sees an error); the
    callee answers 0.2 s after its terminal rings. Per pair of clients and daemon: sessions connected out of BENCH_SESSIONS,
    median time from the caller's start to "Connection established" on both screens, and
    control datagrams per session against the same pair without loss.
(b) Keystroke latency: a byte written into the caller's pty until the callee's pty prints it
    (median and p99 of BENCH_KEYS keystrokes), and a 20 KB paste until its last byte shows on the
    other screen (median of BENCH_PASTES pastes); each client talking to its own kind through
    talk-ng's talkd, the three pairs connected at once and their keystrokes interleaved (one per
    pair per round). Beside them, the floor: bench/trivial_relay, a client that does no work at
    all (raw terminal, bytes copied terminal -> TCP on loopback -> terminal), which no talk
    client can beat on this machine.
BENCH_PARTS=loss,latency chooses the parts; BENCH_TALK=<path> measures another talk-ng binary.
"""
import os
import select
import statistics
import subprocess
import sys
import time

import talkharness as th
from ptyclient import PtyUser

CLIENTS = ("talk-ng", "netkit", "inetutils")
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "10"))
LOSSLESS_SESSIONS = int(os.environ.get("BENCH_LOSSLESS_SESSIONS", "3"))
KEYS = int(os.environ.get("BENCH_KEYS", "200"))
PARTS = os.environ.get("BENCH_PARTS", "loss,latency").split(",")
LOSS_PERCENT = 20
CONNECT_LIMIT = 12.0  # seconds; a session not connected by then counts as failed
CONNECTED = b"Connection established"
RUNG = b"Message from Talk_Daemon@"
PASTE_BYTES = 20 * 1024
PASTES = int(os.environ.get("BENCH_PASTES", "5"))

NFT_RULES = """table inet talkbench {{
  counter requests {{}}
  counter replies {{}}
  chain lose {{
    type filter hook input priority 0; policy accept;
    udp dport {{517, 518}} counter name requests
    udp dport {{517, 518}} numgen random mod 100 < {loss} drop
    udp sport {{517, 518}} counter name replies
    udp sport {{517, 518}} numgen random mod 100 < {loss} drop
  }}
}}
"""


def client(name):
    found = th.client(name)
    if name == "talk-ng" and os.environ.get("BENCH_TALK"):
        found = th.Client(name, os.environ["BENCH_TALK"], True)
    return found


def set_loss(percent):
    """(Re)installs the counting and dropping rules; percent 0 only counts."""
    subprocess.run(["nft", "delete", "table", "inet", "talkbench"], capture_output=True,
                   check=False)
    subprocess.run(["nft", "-f", "-"], input=NFT_RULES.format(loss=percent), text=True,
                   check=True)


def datagrams():
    out = subprocess.run(["nft", "list", "counters", "table", "inet", "talkbench"],
                         capture_output=True, text=True, check=True).stdout
    return sum(int(line.split("packets")[1].split()[0]) for line in out.splitlines()
               if "packets" in line)


def one_session(lab, daemon, caller_client, callee_client):
    """One call; returns (connected, seconds to both screens connected, datagrams)."""
    launcher = lab.start_daemon(daemon)
    before = datagrams()
    callee = PtyUser(lab, th.BOB)
    caller = None
    try:
        callee.wait_for(b"$ ", 5)
        caller = PtyUser(lab, th.ALICE, lab.reachable(caller_client).command(th.BOB))
        # The clock starts at the caller's first output (its process is up), not at the spawn.
        start = caller.wait_for(b"\x1b", 10) or caller.wait_for(b"[", 1) or time.monotonic()
        rung = callee.wait_for(RUNG, CONNECT_LIMIT, others=[caller])
        if rung is None:
            report(caller, callee, "never rung")
            return False, None, datagrams() - before
        time.sleep(0.2)
        answer = " ".join(lab.reachable(callee_client).command(th.ALICE))
        callee.write(f"exec {answer}\n".encode())
        left = CONNECT_LIMIT - (time.monotonic() - start)
        done = [t for t in (callee.wait_for(CONNECTED, left, others=[caller]),
                            caller.wait_for(CONNECTED, max(left, 0.1), others=[callee])) if t]
        connected = len(done) == 2
        if not connected:
            report(caller, callee, "not connected")
        return connected, (max(done) - start) if connected else None, datagrams() - before
    finally:
        for user in (caller, callee):
            if user:
                user.close()
        launcher.stop()


def report(caller, callee, what):
    """With BENCH_VERBOSE, the end of both terminals' output of a failed session."""
    if os.environ.get("BENCH_VERBOSE"):
        for name, user in (("caller", caller), ("callee", callee)):
            user.drain()
            tail = user.seen[-300:].decode("utf-8", "replace").encode("unicode_escape").decode()
            print(f"  {what}: {name}: ...{tail}", file=sys.stderr)


def loss_cell(lab, daemon_name, caller, callee):
    daemon = th.daemon(daemon_name)
    set_loss(0)
    lossless = [one_session(lab, daemon, client(caller), client(callee))[2]
                for _ in range(LOSSLESS_SESSIONS)]
    set_loss(LOSS_PERCENT)
    runs = [one_session(lab, daemon, client(caller), client(callee)) for _ in range(SESSIONS)]
    set_loss(0)
    times = [t for ok, t, _ in runs if ok]
    return {"connected": len(times), "median_s": statistics.median(times) if times else None,
            "datagrams": statistics.mean(d for _, _, d in runs),
            "lossless": statistics.mean(lossless)}


def bench_loss(lab):
    daemons = os.environ.get("BENCH_DAEMONS", ",".join(CLIENTS)).split(",")
    pairs = [("talk-ng", "talk-ng"), ("netkit", "netkit"), ("inetutils", "inetutils"),
             ("talk-ng", "netkit"), ("netkit", "talk-ng"), ("talk-ng", "inetutils"),
             ("inetutils", "talk-ng")]
    print(f"\nRendezvous, {LOSS_PERCENT} % of control datagrams lost, callee answers 0.2 s after the"
          f" ring, {SESSIONS} sessions per row (datagrams per session; lossless: "
          f"{LOSSLESS_SESSIONS} sessions)")
    print(f"{'daemon':<10} {'caller':<10} {'callee':<10} {'connected':>9} {'median':>8} "
          f"{'datagrams':>9} {'lossless':>8} {'ratio':>6}")
    results = {}
    only = os.environ.get("BENCH_PAIRS")  # e.g. "talk-ng:talk-ng,netkit:netkit"
    if only:
        pairs = [tuple(p.split(":")) for p in only.split(",")]
    for daemon_name in daemons:
        for caller, callee in pairs:
            r = loss_cell(lab, daemon_name, caller, callee)
            results[(daemon_name, caller, callee)] = r
            median = f"{r['median_s']:.2f} s" if r["median_s"] is not None else "-"
            print(f"{daemon_name:<10} {caller:<10} {callee:<10} {r['connected']:>6}/{SESSIONS:<2} "
                  f"{median:>8} {r['datagrams']:>9.1f} {r['lossless']:>8.1f} "
                  f"{r['datagrams'] / max(r['lossless'], 1):>5.2f}x", flush=True)
    for daemon_name in daemons:
        for peer in ("netkit", "inetutils"):
            if not all((daemon_name, a, b) in results
                       for a, b in ((peer, peer), ("talk-ng", peer), (peer, "talk-ng"))):
                continue
            classic = results[(daemon_name, peer, peer)]["connected"]
            mixed = [results[(daemon_name, a, b)]["connected"]
                     for a, b in (("talk-ng", peer), (peer, "talk-ng"))]
            print(f"daemon {daemon_name}: {peer} pair {classic}/{SESSIONS}, with talk-ng "
                  f"{mixed[0]}/{SESSIONS} (talk-ng calls) and {mixed[1]}/{SESSIONS} (talk-ng "
                  f"answers)")


def connect_pair(lab, name, caller_user=th.ALICE, callee_user=th.BOB):
    """caller_user calls callee_user, both with client `name`, no loss; returns (caller, callee)
    connected."""
    callee = PtyUser(lab, callee_user)
    callee.wait_for(b"$ ", 5)
    caller = PtyUser(lab, caller_user, lab.reachable(client(name)).command(callee_user))
    if callee.wait_for(RUNG, 10, others=[caller]) is None:
        caller.close()
        callee.close()
        raise AssertionError(f"{name}: the callee was never rung")
    callee.write(f"exec {' '.join(lab.reachable(client(name)).command(caller_user))}\n".encode())
    if None in (callee.wait_for(CONNECTED, 10, others=[caller]),
                caller.wait_for(CONNECTED, 10, others=[callee])):
        report(caller, callee, "no connection")
        caller.close()
        callee.close()
        raise AssertionError(f"{name}: no connection")
    time.sleep(0.3)
    caller.drain()
    callee.drain()
    return caller, callee


FLOOR = "floor"
FLOOR_PORT = 40518  # in the run's own network namespace


def connect_floor(lab):
    """Two trivial relays on their own ptys, connected to each other; returns (caller, callee)."""
    relay = lab.reachable(os.path.join(th.build_dir(), "bench", "trivial_relay"))
    callee = PtyUser(lab, "tkgina", [relay, "listen", str(FLOOR_PORT)])
    caller = PtyUser(lab, "tkhank", [relay, "connect", str(FLOOR_PORT)])
    if None in (callee.wait_for(CONNECTED, 10, others=[caller]),
                caller.wait_for(CONNECTED, 10, others=[callee])):
        report(caller, callee, "no connection")
        caller.close()
        callee.close()
        raise AssertionError("trivial_relay: no connection")
    caller.drain()
    callee.drain()
    return caller, callee


def keystroke(caller, callee, i):
    """Latency of the i-th typed byte until the other pty prints it, in milliseconds (None: a
    new line now and then, untimed, so no row ever wraps; or the byte never showed)."""
    if i % 60 == 59:
        caller.write(b"\r")
        time.sleep(0.05)
        caller.drain()
        callee.drain()
        return None
    key = bytes([ord("a") + i % 26])
    callee.seen.clear()
    sent = time.monotonic()
    caller.write(key)
    shown = callee.wait_for(key, 2, others=[caller])
    time.sleep(0.01)
    caller.drain()
    return (shown - sent) * 1000 if shown is not None else None


def paste(caller, callee):
    """Seconds from writing 20 KB into the caller's pty until its last byte shows on the
    callee's; the last byte, "}", appears nowhere else."""
    line = b"the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRS\r"
    text = (line * (PASTE_BYTES // len(line) + 1))[:PASTE_BYTES - 1] + b"}"
    callee.seen.clear()
    start = time.monotonic()
    view = memoryview(text)
    while view:  # keep both screens drained while the pty takes the paste
        select.select([caller.master, callee.master], [caller.master], [], 0.05)
        try:
            view = view[os.write(caller.master, view[:4096]):]
        except BlockingIOError:
            pass
        callee.drain()
        caller.drain()
        if b"}" in callee.seen:
            break
    shown = callee.wait_for(b"}", 10, others=[caller])
    return (shown - start) if shown else None


def median_paste(caller, callee):
    """The median of PASTES pastes (one is too noisy to compare), or None if one never showed."""
    times = []
    for _ in range(PASTES):
        took = paste(caller, callee)
        if took is None:
            return None
        times.append(took)
        time.sleep(0.1)
        caller.drain()
        callee.drain()
    return statistics.median(times)


def bench_latency(lab):
    """All three pairs are connected at once, six different users so that every callee has one
    terminal, and typed to in turn, one keystroke each per round, so a load that comes and goes
    on the machine falls on every client alike."""
    print(f"\nKeystroke latency (pty to pty, {KEYS} keys, the clients' keystrokes interleaved) and "
          f"a {PASTE_BYTES // 1024} KB paste (median of {PASTES}), each client with its own kind, "
          f"through talk-ng's talkd")
    print(f"{'client':<10} {'median':>9} {'p99':>9} {'paste':>8}")
    users = ((th.ALICE, th.BOB), (th.CAROL, "tkdave"), ("tkerin", "tkfrank"))
    launcher = lab.start_daemon(th.daemon("talk-ng"))
    pairs = {}
    try:
        for name, (caller_user, callee_user) in zip(CLIENTS, users):
            for attempt in range(3):  # a rendezvous that fails now and then is not measured here
                try:
                    pairs[name] = connect_pair(lab, name, caller_user, callee_user)
                    break
                except AssertionError as failed:
                    print(f"  ({failed}; trying again)", file=sys.stderr)
                    if attempt == 2:
                        raise
        pairs[FLOOR] = connect_floor(lab)
        measured = CLIENTS + (FLOOR,)
        latencies = {name: [] for name in measured}
        for i in range(KEYS):
            for k in range(len(measured)):  # each round starts with another client
                name = measured[(i + k) % len(measured)]
                ms = keystroke(*pairs[name], i)
                if ms is not None:
                    latencies[name].append(ms)
        results = {}
        for name in CLIENTS:
            lat = sorted(latencies[name])
            p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
            results[name] = (statistics.median(lat), p99, median_paste(*pairs[name]))
            pasted = results[name][2]
            print(f"{name:<10} {results[name][0]:>6.3f} ms {p99:>6.3f} ms "
                  f"{pasted if pasted is not None else float('nan'):>6.3f} s", flush=True)
        lat = sorted(latencies[FLOOR])
        floor = (statistics.median(lat), lat[min(len(lat) - 1, int(len(lat) * 0.99))])
        print(f"{FLOOR:<10} {floor[0]:>6.3f} ms {floor[1]:>6.3f} ms {'-':>8}   (trivial_relay: no "
              f"work at all, the least any client can take)", flush=True)
    finally:
        for caller, callee in pairs.values():
            caller.close()
            callee.close()
        launcher.stop()
    ours = results["talk-ng"]
    best = min(results["netkit"][0], results["inetutils"][0])
    best99 = min(results["netkit"][1], results["inetutils"][1])
    paste_best = min(p for p in (results["netkit"][2], results["inetutils"][2]) if p)
    print(f"talk-ng / faster classic client: median x{ours[0] / best:.2f}, "
          f"p99 x{ours[1] / best99:.2f}, paste x{(ours[2] or float('nan')) / paste_best:.2f} "
          f"(lower is better; goal <= 0.80, 0.80, 1.00)")
    print(f"floor / faster classic client: median x{floor[0] / best:.2f}, p99 x{floor[1] / best99:.2f}"
          f"; talk-ng / floor: median x{ours[0] / floor[0]:.2f}, p99 x{ours[1] / floor[1]:.2f}")


def bench(lab):
    if "loss" in PARTS:
        bench_loss(lab)
    if "latency" in PARTS:
        bench_latency(lab)
    sys.stdout.flush()


th.run(bench, timeout=3600, prepare=th.require_peers)
