"""A two-user talk conversation, step by step: ring, answer, connect, exchange text, hang up."""

import re
import shlex
import time

from .users import ALICE, BOB

ANNOUNCEMENT = re.compile(r"Message from Talk_Daemon@(\S+) at (\d{1,2}):(\d\d)")
RESPOND_WITH = re.compile(r"respond with:  talk (\S+)")
CONNECTED = "Connection established"
PEER_CLOSED = re.compile(r"Connection closed")
CLIENT_EXITED = re.compile(r"\[client exited with status (\d+)\]")
ASCII_LINES = ("hello from the caller, 1 2 3", "and hello back from the callee")
UTF8_LINE = "héllo wörld — ✓ 日本語"


class Conversation:
    """Drives `caller_client` (run by ALICE) calling `callee_client` (run by BOB) in `lab`.

    Clients run from the users' shells as `CLIENT ARGS; echo "[client exited with status $?]"`:
    the shell, not the client, leads the terminal's session, so the client's last words reach the
    screen before anything hangs the terminal up (a session leader's exit does, and the kernel
    may then drop output still in flight). use_exec=True starts them with `exec` instead (the
    terminal's exit status is then the client's), as the demo does. Each step waits at most
    `step_timeout` seconds and raises StepTimeout otherwise.
    """

    def __init__(self, lab, caller_client, callee_client, caller_user=ALICE, callee_user=BOB,
                 step_timeout=10.0, use_exec=False):
        self.lab = lab
        self.caller_client = lab.reachable(caller_client)
        self.callee_client = lab.reachable(callee_client)
        self.caller_user, self.callee_user = caller_user, callee_user
        self.step_timeout = step_timeout
        self.use_exec = use_exec
        self.caller = self.callee = None
        self.respond_with = None
        self.exit_statuses = {}  # "caller"/"callee" -> client exit status, after hang_up()
        self.timings = {}
        self._t0 = time.monotonic()

    def _mark(self, step):
        self.timings[step] = round(time.monotonic() - self._t0, 3)

    def open_terminals(self):
        """Logs both users in, each on a fresh terminal at a shell prompt."""
        self.caller = self.lab.terminal(self.caller_user, name="caller")
        self.callee = self.lab.terminal(self.callee_user, name="callee")
        for term in (self.caller, self.callee):
            term.wait_for("$", timeout=self.step_timeout, describe="shell prompt")
        self._mark("terminals")

    def ring(self, target=None):
        """The caller runs `talk <callee>`; waits for the announcement on the callee's terminal.

        Returns the address the announcement says to answer with ("tkalice@localhost").
        """
        target = target or self.callee_user
        self.start_client(self.caller, self.caller_client, target)
        self.callee.wait_for(ANNOUNCEMENT, timeout=self.step_timeout,
                             describe="Message from Talk_Daemon@... (the announcement)")
        match = self.callee.wait_for(RESPOND_WITH, timeout=self.step_timeout,
                                     describe="respond with:  talk ...")
        self.respond_with = match.group(1)
        self._mark("announced")
        return self.respond_with

    def answer(self):
        """The callee types the command the announcement told it, with its own client's path."""
        self.start_client(self.callee, self.callee_client, self.respond_with)
        self._mark("answered")

    def start_client(self, term, client, *args):
        """Types the command that runs `client ARGS` at `term`'s shell prompt."""
        command = " ".join(shlex.quote(word) for word in client.command(*args))
        if self.use_exec:
            term.type_line("exec " + command)
        else:
            term.type_line(command + '; echo "[client exited with status $?]"')

    def client_status(self, term):
        """None while the client that `term` runs is still running, else its exit status (the
        shell's $?: 128+N after signal N)."""
        if self.use_exec:
            return term.exit_status()
        match = CLIENT_EXITED.search(term.history().text)
        return int(match.group(1)) if match else None

    def wait_client_exit(self, term):
        """Waits for the client of `term` to end; returns its exit status."""
        term.wait_for(lambda _s: self.client_status(term) is not None,
                      timeout=self.step_timeout, describe="the client to exit")
        return self.client_status(term)

    def wait_connected(self):
        """Both screens show "Connection established"."""
        for term in (self.callee, self.caller):
            term.wait_for(CONNECTED, timeout=self.step_timeout)
        self._mark("connected")

    def say(self, speaker, listener, text):
        """`speaker` types a line and presses Enter; a row of its own half and a row of
        `listener`'s peer half must then read exactly `text` (so a stray ^M or lost character
        fails)."""
        speaker.type_line(text)
        for term, region in ((listener, "peer"), (speaker, "own")):
            term.wait_for(lambda part: part.has_row(text), region=region,
                          timeout=self.step_timeout, describe=f"a row reading exactly {text!r}")

    def exchange(self, utf8=None):
        """A line each way; plus a UTF-8 line each way when both clients support UTF-8."""
        if utf8 is None:
            utf8 = self.caller_client.utf8 and self.callee_client.utf8
        self.say(self.caller, self.callee, ASCII_LINES[0])
        self.say(self.callee, self.caller, ASCII_LINES[1])
        if utf8:
            self.say(self.caller, self.callee, UTF8_LINE)
            self.say(self.callee, self.caller, UTF8_LINE[::-1])
        self._mark("exchanged")

    def hang_up(self, side="caller"):
        """Ctrl-C on `side`: it exits; the other side shows "Connection closed" (and then exits,
        after a Ctrl-C of its own where its client waits for one, as netkit's does)."""
        quitter, other = ((self.caller, self.callee) if side == "caller"
                          else (self.callee, self.caller))
        quitter.press("C-c")
        self.wait_client_exit(quitter)
        other.wait_for(PEER_CLOSED, timeout=self.step_timeout, region="history",
                       describe="Connection closed (the other side hung up)")
        if self.client_status(other) is None:
            time.sleep(0.2)
            if self.client_status(other) is None:
                other.press("C-c")
        self.wait_client_exit(other)
        self.exit_statuses = {"caller": self.client_status(self.caller),
                              "callee": self.client_status(self.callee)}
        self._mark("hung up")

    def run(self, utf8=None, hang_up_side="caller"):
        """All steps in order."""
        self.open_terminals()
        self.ring()
        self.answer()
        self.wait_connected()
        self.exchange(utf8)
        self.hang_up(hang_up_side)
        return self.timings

