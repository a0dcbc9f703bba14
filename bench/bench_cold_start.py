"""Cold-start benchmark: how long a talk daemon started by inetd takes to answer its first request.

Each program is started the way inetd starts it (`dgram udp wait nobody.tty`, the socket as
standard input and output) by bench/cold_start, once per request, in the harness's private
namespaces: talk-ng's talkd, Debian's netkit in.ntalkd, inetutils' talkd, and the baseline, a
trivial responder (one recvfrom, one sendto, libc only). The programs take turns, round after
round, so that they share the machine's load alike. Prints the medians and the ratios to the
trivial responder and to the peers. BENCH_COLD_ALSO="name=/path ..." adds programs (e.g. an
older talkd) to the table.
"""
import os
import statistics
import subprocess
import sys

import talkharness as th

ROUNDS = int(os.environ.get("BENCH_COLD_ROUNDS", "10"))
STARTS = int(os.environ.get("BENCH_COLD_STARTS", "30"))


def programs(lab):
    bench = os.path.join(th.build_dir(), "bench")
    peers = th.peers_dir()
    paths = {
        "trivial": os.path.join(bench, "trivial_responder"),
        "talk-ng": os.path.join(th.build_dir(), "src", "talkd", "talkd"),
        "netkit": os.path.join(peers, "talkd", "usr", "sbin", "in.ntalkd"),
        "inetutils": os.path.join(peers, "inetutils-talkd", "usr", "sbin", "talkd"),
    }
    for extra in os.environ.get("BENCH_COLD_ALSO", "").split():
        name, _, path = extra.partition("=")
        paths[name] = path
    return {name: lab.reachable(path) for name, path in paths.items()}


def starts(path):
    tool = os.path.join(th.build_dir(), "bench", "cold_start")
    out = subprocess.run([tool, "--starts", str(STARTS), "--", path], capture_output=True,
                         text=True, timeout=300, check=True).stdout
    return {k: float(v) for k, v in (field.split("=") for field in out.split())}


def bench(lab):
    paths = programs(lab)
    rounds = {name: [] for name in paths}
    cpu = {name: [] for name in paths}
    for _ in range(ROUNDS):
        for name, path in paths.items():
            figures = starts(path)
            rounds[name].append(figures["median_us"])
            cpu[name].append(figures["cpu_median_us"])
    med = {name: statistics.median(values) for name, values in rounds.items()}
    cpu_med = {name: statistics.median(values) for name, values in cpu.items()}
    base, cpu_base = med["trivial"], max(cpu_med["trivial"], 1)
    with open("/proc/loadavg", encoding="ascii") as f:
        load = f.read().split()[0]
    print(f"\ntalkd cold start under inetd (nobody.tty), first datagram to answer: medians of "
          f"{ROUNDS} rounds of {STARTS} starts (load average {load})")
    print(f"{'program':<10} {'wall':>10} {'spread of rounds':>18} {'/ trivial':>10}"
          f" {'CPU':>9} {'/ trivial':>10}")
    for name, values in rounds.items():
        print(f"{name:<10} {med[name]:>7.0f} us {min(values):>7.0f}-{max(values):<7.0f} us"
              f" {med[name] / base:>9.2f}x {cpu_med[name]:>6.0f} us"
              f" {cpu_med[name] / cpu_base:>9.2f}x")
    for peer in ("netkit", "inetutils"):
        print(f"talk-ng / {peer}: cold start x{med['talk-ng'] / med[peer]:.2f} wall, "
              f"x{cpu_med['talk-ng'] / max(cpu_med[peer], 1):.2f} CPU (lower is better)")
    sys.stdout.flush()


th.run(bench, timeout=900, prepare=th.require_peers)
