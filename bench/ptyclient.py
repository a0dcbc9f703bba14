"""Talk clients on the benchmark's own ptys, for timing what reaches a terminal.

Each user gets a pty whose master this process reads directly (no terminal emulator in between,
so a byte's arrival is timed to the microsecond). The pty is logged in the way the harness does
it (owner the user, group tty, 0620, a utmp record, the controlling terminal) by the harness's
pane_exec.py, which then runs the command as that user.
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

import talkharness as th
from talkharness import utmp

PANE_EXEC = os.path.join(os.path.dirname(th.__file__), "pane_exec.py")


class PtyUser:
    """One user on one pty, running `argv` (default: /bin/sh); output collected in `seen`."""

    def __init__(self, lab, user, argv=None):
        self.user = user
        home = os.path.join(lab.workdir, "home", user)
        lab.user(user)
        command = [sys.executable, PANE_EXEC, user, home, "--", *(argv or ["/bin/sh"])]
        env = dict(os.environ, TERM="screen")
        self.pid, self.master = pty.fork()
        if self.pid == 0:  # the child: an 80x24 controlling pty, then pane_exec
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execvpe(command[0], command, env)
        os.set_blocking(self.master, False)
        self.line = None
        self.seen = bytearray()

    def write(self, data):
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self.master, view):]
            except BlockingIOError:
                select.select([], [self.master], [], 0.05)

    def drain(self):
        """Reads what is waiting; returns it (also appended to `seen`)."""
        got = bytearray()
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except (BlockingIOError, OSError):
                break
            if not chunk:
                break
            got += chunk
        self.seen += got
        return bytes(got)

    def wait_for(self, needle, timeout, others=()):
        """Waits until `needle` (bytes) shows in what this pty printed since the last call's
        match; keeps `others` drained. Returns the time it showed, or None."""
        end = time.monotonic() + timeout
        while True:
            if needle in self.seen:
                self.seen = self.seen[self.seen.index(needle) + len(needle):]
                return time.monotonic()
            left = end - time.monotonic()
            if left <= 0:
                return None
            fds = [self.master] + [o.master for o in others]
            ready, _, _ = select.select(fds, [], [], min(left, 0.5))
            for o in others:
                if o.master in ready:
                    o.drain()
            if self.master in ready:
                self.drain()

    def close(self):
        for sig in (signal.SIGINT, signal.SIGKILL):
            try:
                os.killpg(self.pid, sig)
            except ProcessLookupError:
                pass
            if sig == signal.SIGINT:
                time.sleep(0.05)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.master)
        utmp.logout_all()
