#!/usr/bin/env python3
"""End-to-end: a netkit caller rings tkbob through talk-ng's talkd, and tkbob runs Debian's
utalk, which probes both daemons (old talk on 517 with 76-byte requests, ntalk on 518) and then
looks up the invitation. Our daemons answer every probe, old talk in its own 24-byte layout, and
the ntalk look-up finds the caller's invitation and address. (utalk then talks its own UDP
protocol, which netkit's talk does not speak, so no conversation follows.)"""

import re
import time

from talkd_e2e_common import CALLER, check_announcement, talkd, th

INVITE = re.compile(r"LEAVE_INVITE SUCCESS id=(\d+)")
LOOKUP = re.compile(r"CTL_MSG v1 LOOK_UP id=\d+ 'tkbob'->'tkalice'")
FOUND = re.compile(r"-> 127\.0\.0\.1:(\d+) CTL_RESPONSE v1 LOOK_UP SUCCESS id=(\d+) "
                   r"addr=\(2\) 127\.0\.0\.1:(\d+)")


def wait(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test(lab):
    lab.start_daemon(talkd())
    conv = th.Conversation(lab, th.client("netkit"), th.client("utalk"))
    conv.open_terminals()
    conv.start_client(conv.caller, conv.caller_client, th.BOB)
    check_announcement(lab, conv.callee)
    conv.respond_with = CALLER
    conv.answer()
    text = lambda: "\n".join(lab.capture.lines)  # noqa: E731
    assert wait(lambda: FOUND.search(text())), lab.capture.report()
    invite_id = INVITE.search(text()).group(1)
    found = FOUND.search(text())
    assert found.group(2) == invite_id, lab.capture.report()
    # The invitation's address is the one the caller left (netkit's listening TCP port).
    left = re.search(r"LEAVE_INVITE id=\d+ 'tkalice'->'tkbob' tty='' addr=127\.0\.0\.1:(\d+)",
                     text())
    assert left and left.group(1) == found.group(3), lab.capture.report()
    assert LOOKUP.search(text()), lab.capture.report()
    # Every old-talk request on 517 got a 24-byte answer from 517.
    def otalk_all_answered():
        requests = len(re.findall(r"-> 127\.0\.0\.1:517 otalk message", text()))
        answers = len(re.findall(r"UDP 127\.0\.0\.1:517 -> \S+ CTL_RESPONSE", text()))
        return requests >= 1 and answers == requests

    assert wait(otalk_all_answered, timeout=5), lab.capture.report()


th.run(test, timeout=60, prepare=th.require_peers)
