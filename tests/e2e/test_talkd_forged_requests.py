#!/usr/bin/env python3
"""End-to-end: what talk-ng's talkd does with requests no honest client sends. A caller name
holding escape sequences is refused and never reaches the callee's terminal; a forged control
address gets the answer at the real source only; privileged source ports and datagrams of odd
lengths get no answer; an old-talk (76-byte) request on port 517 gets an old-talk answer."""

import re
import socket
import struct

from talkd_e2e_common import talkd, th

c = th.control


def announce(l_name, ctl_addr, source=("127.0.0.1", 0), pid=4242):
    payload = c.encode_ctl_msg(c.ANNOUNCE, l_name, th.BOB, id_num=0xFFFFFFFF, pid=pid,
                               addr=c.pack_addr("127.0.0.1", 40000), ctl_addr=ctl_addr)
    return c.request(payload, source=source)


def test(lab):
    lab.start_daemon(talkd())
    callee = lab.terminal(th.BOB, name="callee")
    callee.wait_for("$", describe="shell prompt")

    # Escape sequences in the caller's name: FAILED, nothing written to the terminal.
    reply = announce("\x1b[2J\x1b]0;x", c.pack_addr("127.0.0.1", 9))
    assert reply is not None and c.decode_ctl_response(reply)["answer"] == 2, reply
    # The forged control address (port 9) is ignored: the answer came to our own socket.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as victim:
        victim.bind(("127.0.0.1", 0))
        victim.settimeout(1.0)
        victim_addr = c.pack_addr("127.0.0.1", victim.getsockname()[1])
        reply = announce("mallory", victim_addr, pid=1)
        assert reply is not None, "no answer at the source"
        answer = c.decode_ctl_response(reply)
        assert answer["answer"] == 0 and answer["id_num"] >= 1, answer
        try:
            stray = victim.recv(100)
        except socket.timeout:
            stray = None
        assert stray is None, f"the forged ctl_addr received {stray!r}"
    callee.wait_for("talk: connection requested by mallory@localhost.",
                    describe="the announcement of the (harmless) forged call")
    assert "\x1b" not in callee.history().text
    assert not callee.screen().contains("0;x"), callee.screen().framed("callee")

    # A privileged source port: dropped without an answer (Debian's rule against reflection).
    payload = c.encode_ctl_msg(c.LOOK_UP, "tkalice", "tkbob", ctl_addr=c.pack_addr("127.0.0.1"))
    assert c.request(payload, source=("127.0.0.1", 999), timeout=1.0) is None
    # Odd lengths: no answer, and the daemon still serves.
    for length in (0, 1, 24, 83, 85, 512):
        assert c.request(b"\x01" * length, timeout=0.3) is None, length
    reply = c.request(payload)
    assert reply is not None and c.decode_ctl_response(reply)["answer"] == 1, reply

    # Old talk on 517: type, 9-byte names, filler, id, pid, tty, then two native sockaddrs.
    otalk = struct.pack("!B9s9sxIi16s16s16s", c.LOOK_UP, b"tkbob", b"tkalice", 0, 7, b"",
                        c.pack_addr("127.0.0.1", 0), c.pack_addr("127.0.0.1", 0))
    assert len(otalk) == 76
    reply = c.request(otalk, port=517)
    assert reply is not None and len(reply) == 24, reply
    assert reply[0] == c.LOOK_UP and reply[1] == 1, reply.hex()  # NOT_HERE, otalk layout
    assert lab.syslog.wait_for(re.compile(r"talkd\[\d+\]: .*logged once")), lab.syslog.report()


th.run(test, timeout=60, prepare=th.require_peers)
