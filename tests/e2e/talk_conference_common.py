"""Shared steps of the multi-party (conference) end-to-end tests: users on their own terminals,
ringing several people, answering into the conference, and reading the stacked windows."""

import re
import shlex

from talk_e2e_common import th

ANNOUNCEMENT = re.compile(r"respond with:  talk (\S+)")
DAEMON = "netkit"


class Party:
    """One user at a terminal running a client; `name` is the login."""

    def __init__(self, lab, name, client="talk-ng", width=80, height=24):
        self.lab = lab
        self.name = name
        self.client = lab.reachable(th.client(client))
        self.term = lab.terminal(name, name=name)
        self.term.wait_for("$", describe="shell prompt")
        if (width, height) != (80, 24):
            self.term.resize(width, height)

    def run(self, *args):
        command = " ".join(shlex.quote(word) for word in self.client.command(*args))
        self.term.type_line(command + '; echo "[client exited with status $?]"')

    def announced_by(self):
        """Waits for a ring; returns the address to answer (tkalice@host)."""
        return self.term.wait_for(ANNOUNCEMENT, timeout=10,
                                  describe="respond with: talk ...").group(1)

    def window_titles(self):
        return re.findall(r"= (\S+@\S+) =", self.term.screen().text)

    def wait_window(self, login, timeout=15):
        """A window titled login@host shows."""
        self.term.wait_for(lambda s: any(t.startswith(login + "@")
                                         for t in re.findall(r"= (\S+@\S+) =", s.text)),
                           timeout=timeout, describe=f"a window for {login}")

    def wait_text(self, text, timeout=10):
        self.term.wait_for(lambda s: s.has_row(text), timeout=timeout,
                           describe=f"a row reading exactly {text!r}")

    def say(self, text, *listeners):
        """Types a line; it must show on this screen and on every listener's."""
        self.term.type_line(text)
        for party in (self, *listeners):
            party.wait_text(text)

    def hang_up(self):
        self.term.press("C-c")
        self.term.wait_for(re.compile(r"\[client exited with status (\d+)\]"), timeout=10,
                           region="history", describe="the client to exit")


def start(lab, daemon=DAEMON):
    """The talk daemons: Debian's netkit ones by default (the reference judges the client)."""
    lab.start_daemon(th.daemon(daemon))


def ring_all(caller, *callees):
    """`caller` runs talk with every callee's login; each answers with talk -m."""
    caller.run(*[p.name for p in callees])
    for party in callees:
        party.run("-m", party.announced_by())
    for party in callees:
        caller.wait_window(party.name)
        party.wait_window(caller.name)


def three_in_mesh(lab, daemon=DAEMON):
    """tkalice rings tkbob and tkcarol, who answer and then get connected to each other: the
    three parties, each with a window for the other two."""
    start(lab, daemon)
    alice = Party(lab, th.ALICE)
    bob = Party(lab, th.BOB)
    carol = Party(lab, th.CAROL)
    ring_all(alice, bob, carol)
    bob.wait_window(carol.name)
    carol.wait_window(bob.name)
    return alice, bob, carol
