"""Starts talk daemons the way inetd does: `dgram udp wait`, the bound socket as fd 0 and fd 1."""

import os
import pwd
import grp
import select
import socket
import subprocess
import threading
import time


class Service:
    """One inetd line: a UDP port on 127.0.0.1 served by `argv` as `user`.`group`."""

    def __init__(self, port, argv, user="root", group=None):
        self.port, self.argv, self.user, self.group = port, list(argv), user, group

    def __repr__(self):
        return f"Service({self.port}, {self.argv[0]}, {self.user}.{self.group or ''})"


class Launcher:
    """Binds each service's port and (re)starts its daemon whenever a datagram is waiting.

    `wait` semantics: while the daemon runs, the launcher does not watch its socket; when the
    daemon exits and a datagram is pending, it is started again. Every start and exit is logged
    (a daemon killed by a signal, e.g. SIGSEGV, shows as a negative status).
    """

    def __init__(self, name, services, log_path):
        self.name = name
        self.services = services
        self.log_path = log_path
        self.events = []  # (seconds since start, text)
        self._start = time.monotonic()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._procs = {}
        self._threads = []
        self._socks = []
        self._log = open(log_path, "ab")
        for service in services:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind(("127.0.0.1", service.port))  # no SO_REUSEADDR: a busy port must fail
            self._socks.append(sock)
            thread = threading.Thread(target=self._serve, args=(service, sock), daemon=True)
            self._threads.append(thread)
        for thread in self._threads:
            thread.start()

    def _note(self, text):
        with self._lock:
            self.events.append((time.monotonic() - self._start, text))

    def _spawn(self, service, sock):
        entry = pwd.getpwnam(service.user)
        gid = grp.getgrnam(service.group).gr_gid if service.group else entry.pw_gid
        return subprocess.Popen(
            service.argv, stdin=sock.fileno(), stdout=sock.fileno(), stderr=self._log,
            cwd="/", user=entry.pw_uid, group=gid, extra_groups=[] if entry.pw_uid else None,
            close_fds=True, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"})

    def _serve(self, service, sock):
        while not self._stop.is_set():
            readable, _, _ = select.select([sock], [], [], 0.1)
            if not readable or self._stop.is_set():
                continue
            try:
                proc = self._spawn(service, sock)
            except OSError as err:
                self._note(f"port {service.port}: cannot start {service.argv[0]}: {err}")
                time.sleep(0.5)
                continue
            with self._lock:
                self._procs[service.port] = proc
            self._note(f"port {service.port}: started {' '.join(service.argv)} pid {proc.pid}")
            while proc.poll() is None and not self._stop.is_set():
                time.sleep(0.02)
            if self._stop.is_set():
                break
            # The exit is recorded before the process leaves the running list, so a caller that
            # sees no running pid also sees its exit.
            with self._lock:
                self.events.append((time.monotonic() - self._start,
                                    f"port {service.port}: pid {proc.pid} exited with status "
                                    f"{proc.returncode}"))
                self._procs.pop(service.port, None)

    def starts(self):
        """How many times a daemon was started."""
        return sum(1 for _, text in self.events if ": started " in text)

    def exits(self):
        """Exit statuses of daemons that ended while the launcher ran (negative: signal)."""
        return [int(text.rsplit(" ", 1)[1]) for _, text in self.events if " exited " in text]

    def running_pids(self):
        """Daemons running, or ended but with their exit not yet recorded."""
        with self._lock:
            return [p.pid for p in self._procs.values()]

    def stop(self):
        """Stops watching, kills the running daemons by pid, closes the sockets."""
        self._stop.set()
        with self._lock:
            procs = list(self._procs.values())
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
        for thread in self._threads:
            thread.join(timeout=2)
        for sock in self._socks:
            sock.close()
        self._log.close()

    def report(self):
        """Starts, exits, and the daemons' stderr."""
        lines = [f"daemon {self.name}: {self.services}"]
        with self._lock:
            lines += [f"  +{t:7.3f}s {text}" for t, text in self.events]
        try:
            with open(self.log_path, "rb") as f:
                err = f.read().decode(errors="replace").strip()
        except OSError:
            err = ""
        if err:
            lines.append("  stderr:\n" + "\n".join("    " + l for l in err.splitlines()[-40:]))
        return "\n".join(lines)
