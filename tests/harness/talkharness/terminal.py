"""Terminals of logged-in users: tmux panes (private server) typed into and read as Screens."""

import os
import re
import signal
import subprocess
import sys
import time

from .isolation import HarnessError
from .screen import Screen

DEFAULT_TIMEOUT = 10.0
_PANE_EXEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pane_exec.py")
_TMUX_CONF = """\
set -g remain-on-exit on
set -g status off
set -g default-terminal screen
set -g escape-time 0
set -g alternate-screen off
set -g history-limit 2000
set -g default-size {width}x{height}
"""


class StepTimeout(AssertionError):
    """A bounded wait ran out; carries the screen it last saw."""


class Tmux:
    """One private tmux server (socket in the test's work directory)."""

    def __init__(self, workdir, width=80, height=24):
        self.socket = os.path.join(workdir, "tmux.sock")
        self.conf = os.path.join(workdir, "tmux.conf")
        self.width, self.height = width, height
        with open(self.conf, "w") as f:
            f.write(_TMUX_CONF.format(width=width, height=height))
        self.server_pid = None

    def run(self, *args, check=True):
        """Runs one tmux command against this server; returns its stdout."""
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
        env.pop("TMUX", None)
        result = subprocess.run(["tmux", "-u", "-S", self.socket, "-f", self.conf, *args],
                                capture_output=True, text=True, timeout=DEFAULT_TIMEOUT, env=env,
                                check=False)
        if check and result.returncode != 0:
            raise HarnessError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def new_session(self, name, command):
        self.run("new-session", "-d", "-s", name, "-x", str(self.width), "-y", str(self.height),
                 *command)
        if self.server_pid is None:
            self.server_pid = int(self.run("display-message", "-p", "-t", name, "#{pid}"))

    def collect_exits(self):
        """Makes the server reap its exited children (a pane's status becomes known).

        A process's exit closes its pty before the kernel sends SIGCHLD, and on the pty's EOF
        tmux (built with libutempter, as Debian's is) removes the pane's utmp entry through a
        helper, with SIGCHLD set to SIG_DFL until the helper is reaped. A SIGCHLD arriving in
        that window is discarded, so tmux never collects the pane's process: the pane is dead
        and its status never shows. A SIGCHLD sent now runs tmux's waitpid loop again.
        """
        if self.server_pid is not None:
            try:
                os.kill(self.server_pid, signal.SIGCHLD)
            except ProcessLookupError:
                pass

    def kill(self):
        """Kills the server (and with it every pane) by command, then by pid."""
        if self.server_pid is None:
            return
        self.run("kill-server", check=False)
        try:
            os.kill(self.server_pid, 9)
        except ProcessLookupError:
            pass
        self.server_pid = None


class Terminal:
    """A pty logged in as `user`, running `command` (default: an interactive /bin/sh, prompt "$ ").

    Its own tmux session (width x height of the server), or with split=<Terminal> the lower half
    of that terminal's window (as in the demo).
    """

    def __init__(self, tmux, name, user, home, command=None, split=None):
        self.tmux, self.name, self.user = tmux, name, user
        argv = [sys.executable, _PANE_EXEC, user.name, home, "--", *(command or ["/bin/sh"])]
        if split is None:  # a session of its own, the full width x height
            tmux.new_session(name, argv)
            self.target = self._format("#{pane_id}", name)
        else:  # the lower part of `split`'s window
            self.target = tmux.run("split-window", "-v", "-t", split.target, "-P", "-F",
                                   "#{pane_id}", *argv).strip()
        self.tty = self._format("#{pane_tty}")
        self.pid = int(self._format("#{pane_pid}"))
        self.line = self.tty[len("/dev/"):]

    def _format(self, fmt, target=None):
        return self.tmux.run("display-message", "-p", "-t", target or self.target, fmt).strip()

    # Input: everything goes through the pty, as keystrokes.
    def type(self, text):
        """Types `text` literally (UTF-8 allowed)."""
        self.tmux.run("send-keys", "-t", self.target, "-l", "--", text)

    def press(self, *keys):
        """Presses tmux-named keys: "Enter", "C-c", "BSpace", "C-l", "Escape", ..."""
        self.tmux.run("send-keys", "-t", self.target, *keys)

    def type_line(self, text):
        """Types `text`, then Enter."""
        self.type(text)
        self.press("Enter")

    # Output.
    def screen(self):
        """What the terminal shows now."""
        width, height = (int(n) for n in self._format("#{pane_width} #{pane_height}").split())
        rows = self.tmux.run("capture-pane", "-p", "-t", self.target).split("\n")
        return Screen(rows[:height], width, height)

    def history(self, lines=200):
        """The screen plus up to `lines` rows scrolled off above it, as one Screen (rows that
        scrolled away keep their text; tmux adds "Pane is dead" when the process has ended)."""
        rows = self.tmux.run("capture-pane", "-p", "-t", self.target, "-S", f"-{lines}")
        rows = rows.rstrip("\n").split("\n")
        return Screen(rows, int(self._format("#{pane_width}")), len(rows))

    def wait_for(self, what, timeout=DEFAULT_TIMEOUT, region=None, describe=None):
        """Polls until `what` shows; returns the Screen (or the re.Match for a regex).

        what: a str (substring of a row), a compiled regex, or a function Screen -> bool.
        region: None (whole screen), "own" (upper half), "peer" (lower half) or "history" (the
        screen and what scrolled off it: for texts a client shows just before it exits).
        Raises StepTimeout with the last screen after `timeout` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            screen = self.history() if region == "history" else self.screen()
            part = {None: screen, "history": screen, "own": screen.own_half(),
                    "peer": screen.peer_half()}[region]
            if callable(what) and not isinstance(what, (str, re.Pattern)):
                if what(part):
                    return screen
            elif isinstance(what, re.Pattern):
                match = what.search(part.text)
                if match:
                    return match
            elif part.contains(what):
                return screen
            if time.monotonic() >= deadline:
                label = describe or (what.pattern if isinstance(what, re.Pattern) else what)
                where = f" in the {region} half" if region else ""
                raise StepTimeout(f"{self.name}: {label!r} did not show{where} within {timeout:g} s"
                                  f"\n{screen.framed(self.name)}")
            time.sleep(0.05)

    def exit_status(self):
        """None while the pane's process runs (or until tmux has collected its status), else
        its exit status: -N when signal N killed it."""
        dead = self._format("#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}").split("|")
        if dead[0] != "1":
            return None
        if len(dead) > 1 and dead[1]:
            return int(dead[1])
        if len(dead) > 2 and dead[2]:
            return -int(dead[2])
        # The pty is closed but the process not reaped: its SIGCHLD can be lost (see
        # Tmux.collect_exits); have tmux look for exited children again. Known next call.
        self.tmux.collect_exits()
        return None

    def resize(self, width, height):
        """Resizes the terminal's window (the program gets SIGWINCH)."""
        self.tmux.run("resize-window", "-t", self.target, "-x", str(width), "-y", str(height))

    # Terminal state, as talkd sees it.
    def set_mesg(self, allow):
        """mesg y / mesg n: the group-write bit of the pty."""
        os.chmod(self.tty, 0o620 if allow else 0o600)

    def mark_active(self, when=None):
        """Sets the pty's access time (talkd rings the user's most recently used tty)."""
        st = os.stat(self.tty)
        os.utime(self.tty, (when if when is not None else time.time(), st.st_mtime))
