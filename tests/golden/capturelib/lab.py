"""The lab inside the namespaces: utmp records, ptys, packet capture, daemons and clients."""

import fcntl
import grp
import os
import pwd
import select
import signal
import socket
import struct
import termios
import time

from capturelib.common import TALK_PORTS, CaptureError

# glibc's struct utmp on Linux (x86-64 and most others): 384 bytes.
UTMP_FORMAT = "<hhi32s4s32s256shhiii16s20s"
UTMP_SIZE = struct.calcsize(UTMP_FORMAT)
USER_PROCESS, DEAD_PROCESS = 7, 8
UTMP_PATH = "/run/utmp"


class Utmp:
    """Writes USER_PROCESS / DEAD_PROCESS records into the private /run/utmp, one slot per pty."""

    def __init__(self):
        self.slots = {}

    def _write(self, line, user, pid, kind):
        slot = self.slots.setdefault(line, len(self.slots))
        now = time.time()
        record = struct.pack(UTMP_FORMAT, kind, 0, pid, line.encode(), line[-4:].encode(),
                             user.encode(), b"", 0, 0, 0, int(now), int((now % 1) * 1e6),
                             b"", b"")
        assert len(record) == UTMP_SIZE
        with open(UTMP_PATH, "r+b") as f:
            f.seek(slot * UTMP_SIZE)
            f.write(record)

    def login(self, line, user, pid):
        self._write(line, user, pid, USER_PROCESS)

    def logout(self, line, user):
        self._write(line, user, 0, DEAD_PROCESS)

    def logout_all(self):
        for line in list(self.slots):
            try:
                self._write(line, "", 0, DEAD_PROCESS)
            except OSError:
                pass


class Pty:
    """A pty owned by a user (group tty, 0620) with a utmp login record; output is drained."""

    def __init__(self, user, utmp):
        self.user = user
        self.utmp = utmp
        self.master, self.slave = os.openpty()
        self.path = os.ttyname(self.slave)
        self.line = self.path[len("/dev/"):]
        pw = pwd.getpwnam(user)
        os.chown(self.path, pw.pw_uid, grp.getgrnam("tty").gr_gid)
        self.mesg(True)
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.set_blocking(self.master, False)
        self.output = b""
        utmp.login(self.line, user, os.getpid())

    def mesg(self, allow):
        os.chmod(self.path, 0o620 if allow else 0o600)

    def drain(self):
        try:
            while True:
                data = os.read(self.master, 65536)
                if not data:
                    break
                self.output += data
        except (BlockingIOError, OSError):
            pass

    def type(self, data):
        os.write(self.master, data)

    def close(self):
        self.utmp.logout(self.line, self.user)
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass


class Capture:
    """Records UDP datagrams to or from the talk ports seen on lo, in order."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
        self.sock.bind(("lo", 0))
        self.sock.setblocking(False)
        self.datagrams = []  # (src, dst, payload, step)
        self.step = "setup"

    def fileno(self):
        return self.sock.fileno()

    def read(self):
        while True:
            try:
                frame, addr = self.sock.recvfrom(65536)
            except BlockingIOError:
                return
            if addr[2] == socket.PACKET_OUTGOING:
                continue  # lo shows every packet twice: once outgoing, once incoming
            self._parse(frame[14:])

    def _parse(self, ip):
        if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 17:
            return
        ihl = (ip[0] & 0x0F) * 4
        udp = ip[ihl:]
        sport, dport, length = struct.unpack("!HHH", udp[:6])
        if sport not in TALK_PORTS and dport not in TALK_PORTS:
            return
        src = (socket.inet_ntoa(ip[12:16]), sport)
        dst = (socket.inet_ntoa(ip[16:20]), dport)
        self.datagrams.append((src, dst, bytes(udp[8:length]), self.step))


class Lab:
    """One namespace's worth of daemons, ptys, clients and the capture, with bounded waits."""

    def __init__(self, root, work):
        self.root = root
        self.work = work
        self.utmp = Utmp()
        self.capture = Capture()
        self.ptys = []
        self.procs = []  # (Popen-like pid, description)

    # -- processes

    def start_daemon(self, binary, port, user, group):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", port))
        uid = pwd.getpwnam(user).pw_uid
        gid = grp.getgrnam(group).gr_gid
        pid = os.fork()
        if pid == 0:
            try:
                for fd in (0, 1, 2):  # inetd hands the socket over as stdin, stdout, stderr
                    os.dup2(sock.fileno(), fd)
                os.setsid()
                if uid != 0:
                    os.setgroups([])
                    os.setgid(gid)
                    os.setuid(uid)
                os.execv(os.path.join(self.root, binary), [os.path.basename(binary)])
            finally:
                os._exit(127)
        sock.close()
        self.procs.append((pid, binary))
        return pid

    def start_client(self, pty, argv):
        pw = pwd.getpwnam(pty.user)
        home = os.path.join(self.work, "home", pty.user)
        os.makedirs(home, exist_ok=True)
        os.chown(home, pw.pw_uid, pw.pw_gid)
        env = {"TERM": "vt100", "HOME": home, "USER": pty.user, "LOGNAME": pty.user,
               "PATH": "/usr/bin:/bin", "LANG": "C", "LINES": "24", "COLUMNS": "80"}
        pid = os.fork()
        if pid == 0:
            try:
                os.close(pty.master)
                os.login_tty(os.dup(pty.slave))
                os.initgroups(pty.user, pw.pw_gid)
                os.setgid(pw.pw_gid)
                os.setuid(pw.pw_uid)
                os.chdir(home)
                os.execve(os.path.join(self.root, argv[0]), [os.path.basename(argv[0])] + argv[1:],
                          env)
            finally:
                os._exit(127)
        self.procs.append((pid, argv[0]))
        return pid

    def stop(self, pid, sig=signal.SIGTERM, timeout=3.0):
        """Signals pid and waits (bounded) for it; SIGKILL if it does not go."""
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
        if not self.wait_exit(pid, timeout):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.wait_exit(pid, 3.0)

    def wait_exit(self, pid, timeout):
        return self.wait_until(lambda: self._reaped(pid), timeout)

    def _reaped(self, pid):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        if done:
            self.procs = [p for p in self.procs if p[0] != pid]
        return done != 0

    def new_pty(self, user):
        pty = Pty(user, self.utmp)
        self.ptys.append(pty)
        return pty

    def drop_pty(self, pty):
        pty.close()
        self.ptys.remove(pty)

    def cleanup(self):
        for pid, _ in list(self.procs):
            self.stop(pid, signal.SIGKILL, 1.0)
        for pty in list(self.ptys):
            self.drop_pty(pty)
        self.utmp.logout_all()

    # -- waiting

    def pump(self, seconds):
        """Drains pty output and captures datagrams for up to `seconds`."""
        fds = [self.capture] + [p.master for p in self.ptys]
        readable, _, _ = select.select(fds, [], [], max(0.0, seconds))
        self.capture.read()
        for pty in self.ptys:
            pty.drain()
        # reap orphans (PID 1 of the namespace) without blocking
        try:
            while True:
                pid, _ = os.waitpid(-1, os.WNOHANG)
                if pid == 0:
                    break
                self.procs = [p for p in self.procs if p[0] != pid]
        except ChildProcessError:
            pass

    def wait_until(self, condition, timeout):
        end = time.monotonic() + timeout
        while True:
            if condition():
                return True
            left = end - time.monotonic()
            if left <= 0:
                return False
            self.pump(min(0.05, left))

    def settle(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.pump(min(0.05, end - time.monotonic()))

    def responses(self, type_byte, ntalk=True, answer=None):
        out = []
        for src, dst, payload, _ in self.capture.datagrams:
            if src[1] not in TALK_PORTS:
                continue
            if ntalk and len(payload) == 24 and payload[1] == type_byte:
                if answer is None or payload[2] == answer:
                    out.append(payload)
        return out

    def expect(self, condition, timeout, what):
        if not self.wait_until(condition, timeout):
            raise CaptureError("timed out waiting for " + what)
