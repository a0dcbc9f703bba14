#!/usr/bin/env python3
"""End-to-end: Latin-1 letters between talk-ng in a UTF-8 locale and Debian's utalk on an
ISO-8859-1 terminal (utalk -8 run through luit, which turns the UTF-8 pane into a Latin-1
terminal), over utalk's protocol in raw mode: "é" and "ü" typed on either side show right on
both, and a character Latin-1 cannot carry is not sent, as talk's separator line says."""

import os
import shutil
import stat

from talk_e2e_common import th

PORT = 40051


def ptmx_for_users():
    """luit opens a pty as tkbob, and the private /dev's ptmx is devpts's own (mode 000: root
    only). A ptmx device node of mode 666 in this namespace's /dev opens the same instance."""
    os.remove("/dev/ptmx")
    os.mknod("/dev/ptmx", stat.S_IFCHR | 0o666, os.makedev(5, 2))
    os.chmod("/dev/ptmx", 0o666)


def test(lab):
    luit = shutil.which("luit")
    if luit is None:
        raise th.Skip("luit (package x11-utils) is not installed; scripts/install-deps installs it")
    ptmx_for_users()
    talk = lab.reachable(th.client("talk-ng"))
    utalk = lab.reachable(th.client("utalk"))
    bob_home = os.path.join(lab.workdir, "home", th.BOB)
    alice = lab.terminal(th.ALICE, name="talk-utf8")
    bob = lab.terminal(th.BOB, name="utalk-latin1")
    for term in (alice, bob):
        term.wait_for("$", describe="shell prompt")
    # utalk's keys with the high bit set are meta keys unless meta-esc is off.
    bob.type_line(f"printf 'set meta-esc off\\nset eight-bit on\\n' > {bob_home}/.utalkrc")
    alice.type_line(" ".join(talk.command("-s", str(PORT))))
    alice.wait_for("Waiting for your party", describe="talk waiting on its UDP port")
    bob.type_line(f"{luit} -encoding ISO-8859-1 -- "
                  + " ".join(utalk.command("-8", "-c", "127.0.0.1", str(PORT))))
    alice.wait_for("[Connection established]", describe="talk hearing utalk")
    alice.type("café über")
    bob.wait_for(lambda s: s.contains("café über"), describe="talk's é and ü on utalk's screen")
    bob.type("déjà vu ü")
    alice.wait_for(lambda s: s.peer_half().has_row("déjà vu ü"),
                   describe="utalk's é, à and ü on talk's screen")
    alice.type(" ✓")
    alice.wait_for("Not sent", describe="talk saying what Latin-1 cannot carry")
    bob.press("C-c")
    alice.wait_for("Connection closed", describe="talk seeing utalk quit")


th.run(test, timeout=90, prepare=th.require_peers)
