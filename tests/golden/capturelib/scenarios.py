"""The scripted scenarios: who calls whom with which client, and what to wait for."""

import os

from capturelib.common import (ABSENT, CALLEE, CALLER, DELETE, LEAVE_INVITE, LOOK_UP, SUCCESS,
                               ANNOUNCE, CaptureError, log)
from capturelib.lab import Lab


def ntalk_scenarios(lab, client, label):
    """session, not-here, refused and tty, for one ntalk client against the running daemon."""
    bob = lab.new_pty(CALLEE)
    lab.settle(0.2)

    # session: tkalice calls tkbob, tkbob answers, both hang up after the connection.
    lab.capture.step = "session"
    alice = lab.new_pty(CALLER)
    base_invites = len(lab.responses(LEAVE_INVITE))
    caller = lab.start_client(alice, [client, CALLEE])
    lab.expect(lambda: len(lab.responses(LEAVE_INVITE)) > base_invites, 20,
               f"{label}: caller's LEAVE_INVITE response")
    lab.expect(lambda: b"Talk_Daemon" in bob.output, 10, f"{label}: announcement on callee tty")
    # the caller rings again after RING_WAIT (30 s) with a new ANNOUNCE and LEAVE_INVITE
    lab.expect(lambda: len(lab.responses(LEAVE_INVITE)) > base_invites + 1, 45,
               f"{label}: caller's re-ring")
    base_deletes = len(lab.responses(DELETE))
    callee = lab.start_client(bob, [client, CALLER])
    lab.expect(lambda: len(lab.responses(DELETE)) >= base_deletes + 2, 20,
               f"{label}: caller's two DELETE responses")
    lab.wait_until(lambda: b"established" in alice.output and b"established" in bob.output, 5)
    alice.type(b"hi\n")
    lab.settle(0.5)
    for pty in (alice, bob):
        pty.type(b"\x03")
    for pid in (caller, callee):
        if not lab.wait_exit(pid, 5):
            lab.stop(pid)
    lab.settle(0.5)
    lab.drop_pty(alice)

    # not-here: tkalice calls a user who is not logged on.
    lab.capture.step = "not-here"
    alice = lab.new_pty(CALLER)
    base = len(lab.responses(ANNOUNCE))
    caller = lab.start_client(alice, [client, ABSENT])
    lab.expect(lambda: len(lab.responses(ANNOUNCE)) > base, 20,
               f"{label}: ANNOUNCE response for an absent user")
    lab.settle(1.0)
    alice.type(b"\x03")
    if not lab.wait_exit(caller, 3):
        lab.stop(caller)
    lab.settle(0.3)
    lab.drop_pty(alice)

    # refused: tkbob has mesg n.
    lab.capture.step = "refused"
    bob.mesg(False)
    alice = lab.new_pty(CALLER)
    base = len(lab.responses(ANNOUNCE))
    caller = lab.start_client(alice, [client, CALLEE])
    lab.expect(lambda: len(lab.responses(ANNOUNCE)) > base, 20,
               f"{label}: ANNOUNCE response for a user refusing messages")
    lab.settle(1.0)
    alice.type(b"\x03")
    if not lab.wait_exit(caller, 3):
        lab.stop(caller)
    lab.settle(0.3)
    lab.drop_pty(alice)
    bob.mesg(True)

    # tty: tkalice names tkbob's tty explicitly, then gives up while waiting (^C).
    lab.capture.step = "tty"
    alice = lab.new_pty(CALLER)
    base_invites = len(lab.responses(LEAVE_INVITE))
    caller = lab.start_client(alice, [client, CALLEE, bob.line])
    lab.expect(lambda: len(lab.responses(LEAVE_INVITE)) > base_invites, 20,
               f"{label}: LEAVE_INVITE response for a call to a named tty")
    lab.settle(1.0)
    base_deletes = len(lab.responses(DELETE))
    alice.type(b"\x03")
    lab.wait_until(lambda: len(lab.responses(DELETE)) >= base_deletes + 2, 5)
    if not lab.wait_exit(caller, 3):
        lab.stop(caller)
    lab.settle(0.3)
    lab.drop_pty(alice)
    lab.drop_pty(bob)


def otalk_scenarios(lab):
    """utalk as caller: it probes netkit's daemons with an otalk LOOK_UP on 517 and ntalk on 518."""
    bob = lab.new_pty(CALLEE)
    lab.capture.step = "utalk-probe"
    alice = lab.new_pty(CALLER)
    caller = lab.start_client(alice, ["usr/bin/utalk", CALLEE])
    lab.expect(lambda: any(src[1] == 517 for src, _, _, _ in lab.capture.datagrams), 20,
               "otalk reply from port 517")
    lab.settle(3.0)
    lab.stop(caller)
    lab.settle(0.3)
    lab.drop_pty(alice)

    # utalk as callee: netkit talk invites (on 518), utalk looks the invitation up on 517 and 518.
    lab.capture.step = "utalk-callee"
    alice = lab.new_pty(CALLER)
    base_invites = len(lab.responses(LEAVE_INVITE))
    caller = lab.start_client(alice, ["usr/bin/netkit-ntalk", CALLEE])
    lab.expect(lambda: len(lab.responses(LEAVE_INVITE)) > base_invites, 20,
               "netkit caller's LEAVE_INVITE response")
    base = len(lab.capture.datagrams)
    callee = lab.start_client(bob, ["usr/bin/utalk", CALLER])
    # in.talkd on 517 is a process of its own with its own table: only 518 has the invitation
    lab.expect(lambda: any(src[1] == 518 and len(p) == 24 and p[1] == LOOK_UP and p[2] == SUCCESS
                           for src, _, p, _ in lab.capture.datagrams[base:]), 20,
               "utalk's LOOK_UP SUCCESS from port 518")
    lab.settle(3.0)
    for pid in (callee, caller):
        lab.stop(pid)
    lab.settle(0.5)
    lab.drop_pty(alice)
    lab.drop_pty(bob)


def run_set(root, work, name, daemons, body):
    lab = Lab(root, work)
    try:
        for binary, port, user, group in daemons:
            lab.start_daemon(binary, port, user, group)
        lab.settle(0.3)
        body(lab)
        lab.settle(0.3)
        return lab.capture.datagrams
    except CaptureError:
        dump = os.path.join(work, f"debug-{name}.txt")
        with open(dump, "w") as f:
            for src, dst, payload, step in lab.capture.datagrams:
                f.write(f"{step} {src} {dst} {payload.hex()}\n")
            for pty in lab.ptys:
                f.write(f"--- {pty.user} {pty.line}\n{pty.output!r}\n")
        log("datagrams and tty output so far:", dump)
        raise
    finally:
        lab.cleanup()
        lab.capture.sock.close()
