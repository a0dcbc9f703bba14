"""Daemon benchmark: talk-ng's talkd beside Debian's netkit and inetutils talkd, in one run.

Each daemon is started the way inetd starts it, in the harness's private namespaces, and
measured by talkd_load: LOOK_UP round trip (one at a time), LOOK_UP throughput (32 in flight),
the same throughput with 10,000 invitations in the table, and the daemon's peak resident memory.
Prints a table of figures (medians of the rounds) and ratios against each peer.
"""
import os
import statistics
import subprocess
import sys
import time

import talkharness as th

DAEMONS = ("talk-ng", "netkit", "inetutils")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = os.environ.get("BENCH_SECONDS", "2")
INVITES = 10000


def load(extra):
    """Runs talkd_load and returns its key=value figures as floats."""
    tool = os.path.join(th.build_dir(), "bench", "talkd_load")
    out = subprocess.run([tool, "--seconds", SECONDS, *extra], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    return {k: float(v) for k, v in (field.split("=") for field in out.split())}


def peak_rss_kib(pids):
    """VmHWM of the daemon processes (the largest), in KiB."""
    best = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        best = max(best, int(line.split()[1]))
        except OSError:
            pass
    return best


def measure(lab, name):
    launcher = lab.start_daemon(th.daemon(name))
    try:
        empty = load([])
        full = load(["--invites", str(INVITES)])
        rss = peak_rss_kib(launcher.running_pids())
    finally:
        launcher.stop()
        time.sleep(0.2)
    return {"rtt_us": empty["rtt_median_us"], "lookups_s": empty["lookups_per_s"],
            "lookups_s_10k": full["lookups_per_s"], "rss_kib": rss}


def bench(lab):
    results = {name: [] for name in DAEMONS}
    for _ in range(ROUNDS):
        for name in DAEMONS:
            results[name].append(measure(lab, name))
    med = {n: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for n, rs in results.items()}
    print(f"\ntalkd benchmark, medians of {ROUNDS} rounds ({SECONDS} s each), loopback, inetd mode")
    print(f"{'daemon':<10} {'LOOK_UP rtt':>12} {'LOOK_UP/s':>11} {'/s, 10k inv':>12} {'peak RSS':>10}")
    for n in DAEMONS:
        m = med[n]
        print(f"{n:<10} {m['rtt_us']:>9.1f} us {m['lookups_s']:>11.0f} {m['lookups_s_10k']:>12.0f}"
              f" {m['rss_kib']:>6.0f} KiB")
    for peer in ("netkit", "inetutils"):
        ours, theirs = med["talk-ng"], med[peer]
        print(f"talk-ng / {peer}: rtt x{ours['rtt_us'] / theirs['rtt_us']:.2f} (lower is better), "
              f"throughput x{ours['lookups_s'] / theirs['lookups_s']:.2f}, "
              f"with 10k invitations x{ours['lookups_s_10k'] / theirs['lookups_s_10k']:.2f}, "
              f"memory x{ours['rss_kib'] / max(theirs['rss_kib'], 1):.2f}")
    sys.stdout.flush()


th.run(bench, timeout=900, prepare=th.require_peers)
