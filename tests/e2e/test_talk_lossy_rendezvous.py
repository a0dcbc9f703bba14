#!/usr/bin/env python3
"""End-to-end: talk-ng calling talk-ng through talk-ng's talkd connects although a fifth of the
control datagrams are lost. The loss is made by nftables drop rules in the test's own network
namespace (the lab's; the machine's rules are never touched), on UDP 517/518 only and in both
directions, so the clients and the daemon see real silence, not errors. Three calls, each by a
fresh pair of terminals; each must connect and carry a line both ways."""

import shutil
import subprocess
import time

from talk_e2e_common import th

LOSS_PERCENT = 20
ROUNDS = 3
PAIRS = ((th.ALICE, th.BOB), (th.BOB, th.CAROL), (th.CAROL, th.ALICE))
RULES = f"""table inet talklossy {{
  counter control {{}}
  counter dropped {{}}
  chain lose {{
    type filter hook input priority 0; policy accept;
    udp dport {{517, 518}} counter name control
    udp dport {{517, 518}} numgen random mod 100 < {LOSS_PERCENT} counter name dropped drop
    udp sport {{517, 518}} counter name control
    udp sport {{517, 518}} numgen random mod 100 < {LOSS_PERCENT} counter name dropped drop
  }}
}}
"""


def counters():
    """{"control": datagrams seen, "dropped": datagrams dropped} from the lab's table."""
    out = subprocess.run(["nft", "list", "counters", "table", "inet", "talklossy"],
                         capture_output=True, text=True, check=True).stdout
    found, name = {}, None
    for line in out.split("\n"):
        words = line.split()
        if len(words) >= 2 and words[0] == "counter":
            name = words[1]
        elif "packets" in words and name:
            found[name] = int(words[words.index("packets") + 1])
    return found


def one_call(lab, round_no, caller_user, callee_user):
    conv = th.Conversation(lab, th.client("talk-ng"), th.client("talk-ng"), caller_user,
                           callee_user, step_timeout=20)
    conv.caller = lab.terminal(caller_user, name=f"caller{round_no}")
    conv.callee = lab.terminal(callee_user, name=f"callee{round_no}")
    for term in (conv.caller, conv.callee):
        term.wait_for("$", timeout=10, describe="shell prompt")
    conv.callee.mark_active(time.time() + 60)  # the newest terminal of its user is rung
    conv.ring()
    time.sleep(0.2)
    conv.answer()
    conv.wait_connected()
    conv.say(conv.caller, conv.callee, th.ASCII_LINES[0])
    conv.say(conv.callee, conv.caller, th.ASCII_LINES[1])
    conv.hang_up("caller")


def test(lab):
    if shutil.which("nft") is None:
        th.skip("nft (nftables) is not installed: no way to lose datagrams in the namespace")
    subprocess.run(["nft", "-f", "-"], input=RULES, text=True, check=True)
    lab.start_daemon(th.daemon("talk-ng"))
    for round_no, (caller_user, callee_user) in enumerate(PAIRS[:ROUNDS], 1):
        one_call(lab, round_no, caller_user, callee_user)
    seen = counters()
    print(f"control datagrams {seen.get('control')}, dropped {seen.get('dropped')}")
    assert seen.get("control", 0) > 0, seen


th.run(test, timeout=110)
