#!/usr/bin/env python3
"""The demo behind scripts/demo: tkalice calls tkbob in a tmux window split in two, isolated like
the tests (private network namespace, private utmp), with talk-ng's talkd and talk.

Usage: demo.py STATE_DIR | demo.py - --check
Interactive: writes STATE_DIR/tmux.sock and then STATE_DIR/ready (STATE_DIR/failed on error) and
runs until STATE_DIR/stop appears or the demo's tmux session ends. --check: brings the
conversation up, exchanges a line each way, hangs up, and exits 0 (works) or 1.
"""

import os
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "interop"))
import cells  # noqa: E402
import talkharness as th  # noqa: E402

SESSION = "demo"
STATUS = " talk-ng demo | Ctrl-b o: other pane | Ctrl-C: end the talk | Ctrl-b d: leave "
ENDED = ("printf '\\n  talk has ended. Press Enter to close the demo. '; read answer")


def programs():
    """talk-ng's daemon and client, or Debian's netkit ones for a program not ready yet."""
    notes = []
    daemon, client = "talk-ng", "talk-ng"
    if cells.NOT_READY["talkd"]:
        daemon = "netkit"
        notes.append(f"talkd: using Debian's netkit talkd ({cells.NOT_READY['talkd']})")
    if cells.NOT_READY["talk"]:
        client = "netkit"
        notes.append(f"talk: using Debian's netkit talk ({cells.NOT_READY['talk']})")
    return daemon, client, notes


def decorate(tmux, alice, bob):
    """Status line, pane titles, mouse: set before talk starts, so it sees no resize later."""
    for option, value in (("status", "on"), ("status-position", "bottom"),
                          ("status-style", "bg=blue,fg=white"), ("status-left", STATUS),
                          ("status-left-length", "200"), ("status-right", ""),
                          ("window-status-format", ""), ("window-status-current-format", ""),
                          ("mouse", "on"), ("pane-border-status", "top"),
                          ("pane-border-format", " #{pane_title} ")):
        tmux.run("set-option", "-t", SESSION, option, value)
    tmux.run("select-pane", "-t", alice.target, "-T", "tkalice (called tkbob)")
    tmux.run("select-pane", "-t", bob.target, "-T", "tkbob (answered tkalice)")
    tmux.run("select-pane", "-t", alice.target)


def bring_up(lab, daemon_name, client_name):
    """Daemon, both panes, the call and the answer; returns the Conversation, connected."""
    lab.start_daemon(th.daemon(daemon_name))
    real = lab.reachable(th.client(client_name))
    bin_dir = os.path.join(lab.workdir, "demo-bin")
    os.makedirs(bin_dir, mode=0o755)
    os.symlink(real.path, os.path.join(bin_dir, "talk"))
    os.environ["TALKHARNESS_EXTRA_PATH"] = bin_dir  # the panes find `talk` there
    talk = th.Client(client_name, "talk", real.utf8)
    alice = lab.terminal(th.ALICE, name=SESSION)
    bob = lab.terminal(th.BOB, name="tkbob", split=alice)
    decorate(lab.tmux, alice, bob)
    conv = th.Conversation(lab, talk, talk, use_exec=True)
    conv.caller, conv.callee = alice, bob
    for term in (alice, bob):
        term.wait_for("$", describe="shell prompt")
    conv.ring()
    conv.answer()
    conv.wait_connected()
    return conv


def check(lab):
    daemon_name, client_name, notes = programs()
    for note in notes:
        print(note)
    conv = bring_up(lab, daemon_name, client_name)
    conv.say(conv.caller, conv.callee, "hello tkbob, this is tkalice")
    conv.say(conv.callee, conv.caller, "hi tkalice, tkbob here")
    conv.hang_up("caller")
    print(f"demo check: {client_name} talk via {daemon_name} talkd: connected, text both ways, "
          "hung up")


def interactive(lab, state_dir):
    daemon_name, client_name, notes = programs()
    try:
        conv = bring_up(lab, daemon_name, client_name)
    except BaseException as err:
        with open(os.path.join(state_dir, "failed"), "w") as f:
            f.write(f"{err}\n\n{lab.report()}\n")
        raise
    tmux = lab.tmux
    with open(os.path.join(state_dir, "ready"), "w") as f:
        f.write("".join(n + "\n" for n in notes))
    ended = set()
    stop = os.path.join(state_dir, "stop")
    while not os.path.exists(stop):
        for term in (conv.caller, conv.callee):
            try:
                dead = term.exit_status() is not None
            except th.HarnessError:
                return  # the session is gone
            if dead and term.target in ended:
                tmux.run("kill-session", "-t", SESSION, check=False)
                return
            if dead:
                ended.add(term.target)
                tmux.run("respawn-pane", "-t", term.target, "sh", "-c", ENDED)
        time.sleep(0.2)


def main():
    if len(sys.argv) < 2 or sys.argv[2:] not in ([], ["--check"]):
        sys.exit(__doc__)
    state_dir = sys.argv[1]
    prepare = th.require_peers if any(cells.NOT_READY.values()) else None
    if "--check" in sys.argv:
        th.run(check, timeout=90, lab_options={"width": 80, "height": 48}, prepare=prepare)
    else:
        th.run(lambda lab: interactive(lab, state_dir), timeout=None, prepare=prepare,
               lab_options={"width": 80, "height": 48, "tmux_dir": state_dir})


if __name__ == "__main__":
    main()
