"""A Lab: one isolated talk world (users, terminals, daemons, traffic capture) and its teardown."""

import os
import signal
import sys
import time
import traceback

from . import isolation, utmp
from .capture import TrafficCapture
from .inetd import Launcher
from .isolation import HarnessError
from .terminal import StepTimeout, Terminal, Tmux
from .users import ensure_user


class Skip(Exception):
    """Raise to end a test as skipped (exit 77) with a reason."""


class Lab:
    """Everything one test needs, inside the private namespaces; see talkharness.run()."""

    def __init__(self, width=80, height=24):
        self.workdir = isolation.WORK_DIR
        self.hostname = isolation.HOSTNAME
        self.tmux = Tmux(self.workdir, width, height)
        self.terminals = []
        self.daemons = []
        self.capture = TrafficCapture()
        self.closed = False

    def user(self, name):
        """The throwaway system user `name` (created when missing)."""
        return ensure_user(name)

    def terminal(self, user, name=None, command=None):
        """A new logged-in terminal of `user` (a User or a name); default command: /bin/sh."""
        if isinstance(user, str):
            user = self.user(user)
        name = name or f"{user.name}-{len(self.terminals) + 1}"
        home = os.path.join(self.workdir, "home", user.name)
        term = Terminal(self.tmux, name, user, home, command)
        self.terminals.append(term)
        term.wait_for(lambda s: utmp_has(term.line, user.name), timeout=5,
                      describe=f"utmp record of {term.line}")
        return term

    def start_daemon(self, daemon):
        """Starts a programs.Daemon under the inetd-style launcher; returns the Launcher."""
        if not daemon.available():
            raise HarnessError(f"daemon {daemon.name} not found: {daemon.services}")
        log = os.path.join(self.workdir, f"{daemon.name}-{len(self.daemons) + 1}.stderr")
        launcher = Launcher(daemon.name, daemon.services, log)
        self.daemons.append(launcher)
        return launcher

    def report(self):
        """All screens, daemon events and stderr, utmp and control traffic: for failure output."""
        parts = []
        for term in self.terminals:
            try:
                parts.append(term.screen().framed(f"screen of {term.name} ({term.user.name} on "
                                                  f"{term.tty}, exit status "
                                                  f"{term.exit_status()})"))
            except Exception as err:  # pylint: disable=broad-except
                parts.append(f"screen of {term.name}: unavailable ({err})")
        parts += [d.report() for d in self.daemons]
        parts.append("utmp:\n" + "\n".join(f"  {r}" for r in utmp.read_records()))
        parts.append(self.capture.report())
        return "\n\n".join(parts)

    def close(self):
        """Tears everything down: daemons, tmux server, utmp records, capture. Idempotent."""
        if self.closed:
            return
        self.closed = True
        for launcher in self.daemons:
            launcher.stop()
        self.tmux.kill()
        utmp.logout_all()
        self.capture.stop()


def utmp_has(line, user):
    """True when utmp holds a USER_PROCESS record of `user` on tty `line`."""
    return any(r.ut_type == utmp.USER_PROCESS and r.line == line and r.user == user
               for r in utmp.read_records())


def _on_alarm(_signum, _frame):
    raise StepTimeout("the test ran out of its overall time limit")


def run(test, timeout=90):
    """Runs test(lab) in a fresh isolated Lab and exits: 0 passed, 1 failed, 77 skipped.

    Re-executes the calling script as root in private namespaces first (skips when not root).
    On failure prints the traceback and lab.report(). Teardown always runs.
    """
    if not isolation.inside():
        isolation.reexec_isolated()
    lab = None
    status = 1
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(int(timeout))
    started = time.monotonic()
    try:
        isolation.setup_namespace()
        lab = Lab()
        test(lab)
        status = 0
    except Skip as reason:
        print(f"SKIP: {reason}")
        status = isolation.SKIP
    except BaseException:  # pylint: disable=broad-except
        traceback.print_exc(file=sys.stdout)
        if lab is not None:
            print("\n===== what the test saw =====")
            try:
                print(lab.report())
            except Exception:  # pylint: disable=broad-except
                traceback.print_exc(file=sys.stdout)
        status = 1
    finally:
        signal.alarm(0)
        if lab is not None:
            try:
                lab.close()
            except Exception:  # pylint: disable=broad-except
                traceback.print_exc(file=sys.stdout)
                status = status or 1
    print(f"{'PASS' if status == 0 else 'SKIP' if status == 77 else 'FAIL'} "
          f"({time.monotonic() - started:.1f} s)", flush=True)
    sys.stdout.flush()
    os._exit(status)  # PID 1 of the namespaces: everything still in them dies with it
