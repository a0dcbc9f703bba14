"""XMPP benchmark: talk-ng over XMPP (two talk-ng clients through a private prosody on loopback)
beside talk-ng over classic talk (two talk-ng clients through talk-ng's talkd), in one run.

(a) Single keystrokes: a byte written into the caller's pty until the callee's pty prints it,
    the next one BENCH_XMPP_GAP seconds after it showed (longer than real-time text's 700 ms
    transmission interval, so each key travels alone): what the transport itself adds.
(b) Typing: BENCH_XMPP_KEYS keys at BENCH_XMPP_RATE keys per second without waiting: each
    key's time until it shows (real-time text batches keys into one <rtt/> per 700 ms, so this
    is what a reader sees), and the message stanzas the caller's client sent per typed
    character (counted in prosody's log; the line's Enter is not counted).
(c) Idle cost: the CPU time both talk processes use together while nobody types for
    BENCH_XMPP_IDLE seconds (after connecting), in milliseconds per second.
Both are printed with the XMPP / classic ratio. BENCH_XMPP_KEYS, BENCH_XMPP_RATE,
BENCH_XMPP_GAP and BENCH_XMPP_IDLE tune it; BENCH_TALK=<path> measures another talk-ng binary.
"""
import os
import re
import statistics
import sys
import tempfile
import time

import talkharness as th
from ptyclient import PtyUser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "xmpp"))
from private_prosody import DOMAIN, PrivateProsody, available  # noqa: E402
from xmpp_e2e_common import account_home  # noqa: E402

KEYS = int(os.environ.get("BENCH_XMPP_KEYS", "60"))
RATE = float(os.environ.get("BENCH_XMPP_RATE", "8"))
GAP = float(os.environ.get("BENCH_XMPP_GAP", "0.8"))
SINGLE_KEYS = int(os.environ.get("BENCH_XMPP_SINGLE", "30"))
IDLE = float(os.environ.get("BENCH_XMPP_IDLE", "5"))
CONNECTED = b"Connection established"
RUNG = b"Message from Talk_Daemon@"
ACCOUNTS = {th.ALICE: "alice-pw", th.BOB: "bob-pw"}


def talk_ng(lab):
    if os.environ.get("BENCH_TALK"):
        return lab.reachable(th.Client("talk-ng", os.environ["BENCH_TALK"], True))
    return lab.reachable(th.client("talk-ng"))


def classic_pair(lab):
    lab.start_daemon(th.daemon("talk-ng"))
    callee = PtyUser(lab, th.BOB)
    callee.wait_for(b"$ ", 5)
    caller = PtyUser(lab, th.ALICE, talk_ng(lab).command(th.BOB))
    if callee.wait_for(RUNG, 10, others=[caller]) is None:
        raise AssertionError("classic: the callee was never rung")
    callee.write(f"exec {' '.join(talk_ng(lab).command(th.ALICE))}\n".encode())
    return connected(caller, callee, "classic")


def xmpp_pair(lab, homes):
    def command(user, peer):
        return ["env", f"XDG_CONFIG_HOME={homes[user]}",
                *talk_ng(lab).command(f"xmpp:{peer}@{DOMAIN}")]
    caller = PtyUser(lab, th.ALICE, command(th.ALICE, th.BOB))
    if caller.wait_for(b"Waiting for your party", 15) is None:
        raise AssertionError("xmpp: the caller never logged in")
    callee = PtyUser(lab, th.BOB, command(th.BOB, th.ALICE))
    return connected(caller, callee, "xmpp")


def connected(caller, callee, what):
    if None in (callee.wait_for(CONNECTED, 15, others=[caller]),
                caller.wait_for(CONNECTED, 15, others=[callee])):
        raise AssertionError(f"{what}: no connection")
    time.sleep(1.0)
    caller.drain()
    callee.drain()
    return caller, callee


def single_keys(caller, callee):
    """Milliseconds per key, each key alone."""
    latencies = []
    for i in range(SINGLE_KEYS):
        key = bytes([ord("a") + i % 26])
        callee.seen.clear()
        sent = time.monotonic()
        caller.write(key)
        shown = callee.wait_for(key, 3, others=[caller])
        if shown is not None:
            latencies.append((shown - sent) * 1000)
        time.sleep(GAP)
        caller.drain()
    caller.write(b"\r")
    time.sleep(0.3)
    return latencies


def typing(caller, callee):
    """Milliseconds per key, keys typed at RATE per second. The keys are digits, which no
    status text holds, and are found in order in what the callee's pty printed."""
    text = bytes(ord("0") + i % 10 for i in range(KEYS))
    callee.drain()
    raw = bytearray()
    sent_at = []
    shown_at = [None] * KEYS
    start = time.monotonic()
    for i in range(KEYS):
        while time.monotonic() < start + i / RATE:
            _catch_up(callee, raw, shown_at, text)
            time.sleep(0.001)
        sent_at.append(time.monotonic())
        caller.write(text[i:i + 1])
        caller.drain()
    deadline = time.monotonic() + 5
    while None in shown_at and time.monotonic() < deadline:
        _catch_up(callee, raw, shown_at, text)
        time.sleep(0.001)
    caller.write(b"\r")
    time.sleep(0.5)
    caller.drain()
    callee.drain()
    return [(s - t) * 1000 for s, t in zip(shown_at, sent_at) if s is not None]


CONTROL_SEQUENCE = re.compile(rb"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[^\[()]")


def _catch_up(callee, raw, shown_at, text):
    """Marks the keys whose (in-order) character has reached the callee's screen by now."""
    got = callee.drain()
    if not got:
        return
    now = time.monotonic()
    raw += got
    seen = CONTROL_SEQUENCE.sub(b"", bytes(raw))
    position = 0
    for i, key in enumerate(text):
        found = seen.find(bytes([key]), position)
        if found < 0:
            break
        position = found + 1
        if shown_at[i] is None:
            shown_at[i] = now


def talk_cpu_seconds():
    """User and system time of every talk process (the run's PID namespace holds only ours)."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if stat[stat.index("(") + 1:stat.rindex(")")] == "talk":
            fields = stat[stat.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def idle_cpu(caller, callee):
    """Milliseconds of CPU per second both clients use while nobody types."""
    before = talk_cpu_seconds()
    end = time.monotonic() + IDLE
    while time.monotonic() < end:
        caller.drain()
        callee.drain()
        time.sleep(0.1)
    return (talk_cpu_seconds() - before) * 1000 / IDLE


def message_stanzas(log_path, recipient):
    """Message stanzas prosody received for `recipient` (from the other client: no one else
    writes to them)."""
    to = f"to='{recipient}@{DOMAIN}'"
    with open(log_path, errors="replace") as f:
        return sum(1 for line in f if "Received[c2s]: <message " in line and to in line)


def summary(values):
    values = sorted(values)
    if not values:
        return float("nan"), float("nan")
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.99))]


def bench(lab):
    if not available():
        raise th.Skip("prosody is not installed (scripts/install-deps)")
    results = {}
    caller, callee = classic_pair(lab)
    try:
        idle = idle_cpu(caller, callee)
        results["classic"] = (summary(single_keys(caller, callee)),
                              summary(typing(caller, callee)), None, idle)
    finally:
        caller.close()
        callee.close()
    with PrivateProsody(ACCOUNTS) as prosody, tempfile.TemporaryDirectory() as base:
        os.chmod(base, 0o755)
        homes = {u: account_home(lab, base, u, prosody.port, p) for u, p in ACCOUNTS.items()}
        caller, callee = xmpp_pair(lab, homes)
        try:
            idle = idle_cpu(caller, callee)
            single = summary(single_keys(caller, callee))
            before = message_stanzas(f"{prosody.dir}/prosody.log", th.BOB)
            typed = summary(typing(caller, callee))
            stanzas = message_stanzas(f"{prosody.dir}/prosody.log", th.BOB) - before - 1
        finally:
            caller.close()
            callee.close()
        results["xmpp"] = (single, typed, stanzas / KEYS, idle)
    print(f"\nKeystroke to peer screen, talk-ng both sides: {SINGLE_KEYS} single keys "
          f"({GAP} s apart), {KEYS} keys typed at {RATE:g}/s; CPU of both clients idle "
          f"{IDLE:g} s")
    print(f"{'transport':<10} {'single med':>11} {'single p99':>11} {'typed med':>10} "
          f"{'typed p99':>10} {'stanzas/char':>13} {'idle CPU':>10}")
    for name, ((s_med, s_p99), (t_med, t_p99), per_char, idle) in results.items():
        per = f"{per_char:.2f}" if per_char is not None else "-"
        print(f"{name:<10} {s_med:>8.2f} ms {s_p99:>8.2f} ms {t_med:>7.1f} ms {t_p99:>7.1f} ms "
              f"{per:>13} {idle:>5.1f} ms/s")
    x, c = results["xmpp"], results["classic"]
    print(f"xmpp / classic: single keys median x{x[0][0] / c[0][0]:.1f}, typing median "
          f"x{x[1][0] / c[1][0]:.1f}, p99 x{x[1][1] / c[1][1]:.1f} (real-time text sends at most "
          f"one <rtt/> per 700 ms, XEP-0301's recommended interval)")
    sys.stdout.flush()


th.run(bench, timeout=900)
