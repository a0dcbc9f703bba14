"""A Lab: one isolated talk world (users, terminals, daemons, traffic capture) and its teardown."""

import copy
import grp
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import time
import traceback

from . import isolation, utmp
from .capture import SyslogCapture, TrafficCapture
from .inetd import Launcher
from .isolation import HarnessError
from .terminal import StepTimeout, Terminal, Tmux
from .users import ensure_user


class Skip(Exception):
    """Raise to end a test as skipped (exit 77) with a reason."""


class Lab:
    """Everything one test needs, inside the private namespaces; see talkharness.run()."""

    def __init__(self, width=80, height=24, tmux_dir=None):
        self.workdir = isolation.WORK_DIR
        self.hostname = isolation.HOSTNAME
        self.tmux = Tmux(tmux_dir or self.workdir, width, height)
        self.terminals = []
        self.daemons = []
        self.processes = []  # (argv, Popen, output path) started by spawn()
        self.capture = TrafficCapture()
        self.syslog = SyslogCapture()
        self.closed = False

    def user(self, name):
        """The throwaway system user `name` (created when missing)."""
        return ensure_user(name)

    def terminal(self, user, name=None, command=None, split=None):
        """A new logged-in terminal of `user` (a User or a name); default command: /bin/sh.
        split=<Terminal>: a pane below that terminal in its window instead of a session."""
        if isinstance(user, str):
            user = self.user(user)
        name = name or f"{user.name}-{len(self.terminals) + 1}"
        home = os.path.join(self.workdir, "home", user.name)
        term = Terminal(self.tmux, name, user, home, command, split)
        self.terminals.append(term)
        term.wait_for(lambda s: utmp_has(term.line, user.name), timeout=5,
                      describe=f"utmp record of {term.line}")
        return term

    def reachable(self, program):
        """`program` (a path, Client or Daemon) as other users can execute it: unchanged when
        every directory above it is world-searchable, else a copy in the private /run (a build
        tree inside a 0700 home directory is out of reach of the throwaway users and nobody)."""
        if isinstance(program, str):
            if "/" not in program:  # a command name, found through PATH
                return program
            return program if _world_executable(program) else self._stage(program)
        program = copy.deepcopy(program)
        if hasattr(program, "services"):
            for service in program.services:
                service.argv[0] = self.reachable(service.argv[0])
        else:
            program.path = self.reachable(program.path)
        return program

    def _stage(self, path):
        bin_dir = os.path.join(self.workdir, "bin")
        os.makedirs(bin_dir, mode=0o755, exist_ok=True)
        directory = os.path.join(bin_dir, str(len(os.listdir(bin_dir))))
        os.makedirs(directory, mode=0o755)
        target = os.path.join(directory, os.path.basename(path))
        shutil.copy2(os.path.realpath(path), target)
        os.chmod(target, 0o755)
        return target

    def start_daemon(self, daemon):
        """Starts a programs.Daemon under the inetd-style launcher; returns the Launcher."""
        if not daemon.available():
            raise HarnessError(f"daemon {daemon.name} not found: {daemon.services}")
        daemon = self.reachable(daemon)
        log = os.path.join(self.workdir, f"{daemon.name}-{len(self.daemons) + 1}.stderr")
        launcher = Launcher(daemon.name, daemon.services, log)
        self.daemons.append(launcher)
        return launcher

    def spawn(self, argv, user="root", group=None):
        """Starts `argv` in the background as `user` (group: its own, or `group`), stdout and
        stderr to a file shown in report(); killed at teardown. Returns the Popen. For programs
        that are neither a terminal nor inetd-started, e.g. talkd --foreground."""
        argv = [self.reachable(argv[0]), *argv[1:]]
        entry = pwd.getpwnam(user)
        gid = grp.getgrnam(group).gr_gid if group else entry.pw_gid
        path = os.path.join(self.workdir, f"spawned-{len(self.processes) + 1}.out")
        with open(path, "wb") as out:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                    cwd="/", user=entry.pw_uid, group=gid,
                                    extra_groups=[] if entry.pw_uid else None)
        self.processes.append((argv, proc, path))
        return proc

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
        for argv, proc, path in self.processes:
            with open(path, "rb") as f:
                out = f.read().decode(errors="replace").strip()
            parts.append(f"spawned {' '.join(argv)} (pid {proc.pid}, exit {proc.poll()}):\n"
                         + "\n".join("  " + line for line in out.splitlines()[-40:]))
        parts.append("utmp:\n" + "\n".join(f"  {r}" for r in utmp.read_records()))
        parts.append(self.syslog.report())
        parts.append(self.capture.report())
        return "\n\n".join(parts)

    def close(self):
        """Tears everything down: daemons, tmux server, utmp records, capture. Idempotent."""
        if self.closed:
            return
        self.closed = True
        for launcher in self.daemons:
            launcher.stop()
        for _, proc, _ in self.processes:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=5)
        self.tmux.kill()
        utmp.logout_all()
        self.capture.stop()
        self.syslog.stop()


def _world_executable(path):
    path = os.path.realpath(path)
    if not os.stat(path).st_mode & stat.S_IXOTH:
        return False
    parent = os.path.dirname(path)
    while parent != "/":
        if not os.stat(parent).st_mode & stat.S_IXOTH:
            return False
        parent = os.path.dirname(parent)
    return True


def utmp_has(line, user):
    """True when utmp holds a USER_PROCESS record of `user` on tty `line`."""
    return any(r.ut_type == utmp.USER_PROCESS and r.line == line and r.user == user
               for r in utmp.read_records())


def _on_alarm(_signum, _frame):
    raise StepTimeout("the test ran out of its overall time limit")


def run(test, timeout=90, lab_options=None, prepare=None):
    """Runs test(lab) in a fresh isolated Lab and exits: 0 passed, 1 failed, 77 skipped.

    Re-executes the calling script as root in private namespaces first (skips when not root).
    timeout=None: no overall limit (interactive use). lab_options: keyword arguments of Lab().
    On failure prints the traceback and lab.report(). Teardown always runs.
    """
    if not isolation.inside():
        isolation.reexec_isolated()
    lab = None
    status = 1
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(int(timeout or 0))
    started = time.monotonic()
    try:
        isolation.setup_namespace()
        lab = Lab(**(lab_options or {}))
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
