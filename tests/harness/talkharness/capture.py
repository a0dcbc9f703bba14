"""Records what went over lo (UDP 517/518, TCP conversations) and what the daemons syslogged."""

import os
import re
import socket
import struct
import threading
import time

from . import control

_ETH_P_ALL = 0x0003
_PACKET_OUTGOING = 4


class TrafficCapture:
    """A packet socket on lo (inside the namespace, so only this test's traffic)."""

    def __init__(self, ports=(517, 518)):
        self.ports = set(ports)
        self.lines = []
        self._start = time.monotonic()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(_ETH_P_ALL))
        self._sock.bind(("lo", 0))
        self._sock.settimeout(0.1)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                frame, meta = self._sock.recvfrom(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            if meta[2] == _PACKET_OUTGOING:  # lo shows every frame twice
                continue
            line = self._decode(frame[14:])
            if line:
                self.lines.append(f"+{time.monotonic() - self._start:7.3f}s {line}")

    def _decode(self, ip):
        if len(ip) < 20 or ip[0] >> 4 != 4:
            return None
        ihl = (ip[0] & 0x0F) * 4
        proto = ip[9]
        src, dst = socket.inet_ntoa(ip[12:16]), socket.inet_ntoa(ip[16:20])
        body = ip[ihl:]
        if proto == 17 and len(body) >= 8:
            sport, dport = struct.unpack("!HH", body[:4])
            if sport in self.ports or dport in self.ports:
                return f"UDP {src}:{sport} -> {dst}:{dport} {control.describe(body[8:])}"
        elif proto == 6 and len(body) >= 20:
            sport, dport = struct.unpack("!HH", body[:4])
            flags = body[13]
            data = body[(body[12] >> 4) * 4:]
            names = [n for bit, n in ((0x02, "SYN"), (0x01, "FIN"), (0x04, "RST")) if flags & bit]
            if data:
                return f"TCP {src}:{sport} -> {dst}:{dport} data {data[:48]!r}"
            if names and not flags & 0x10 or "FIN" in names or "RST" in names:
                return f"TCP {src}:{sport} -> {dst}:{dport} {'+'.join(names)}"
        return None

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()

    def report(self):
        lines = self.lines if len(self.lines) <= 120 else (
            self.lines[:40] + [f"... {len(self.lines) - 100} lines ..."] + self.lines[-60:])
        return "traffic on lo (UDP 517/518, TCP):\n" + (
            "\n".join("  " + l for l in lines) or "  (none)")


class SyslogCapture:
    """The namespace's /dev/log: every message the daemons send to syslog, in order."""

    def __init__(self, path="/dev/log"):
        self.lines = []
        self._start = time.monotonic()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.bind(path)
        os.chmod(path, 0o666)
        self._sock.settimeout(0.1)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                data = self._sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            text = re.sub(r"^<\d+>", "", data.decode(errors="replace")).rstrip("\n\0")
            self.lines.append(f"+{time.monotonic() - self._start:7.3f}s {text}")

    def wait_for(self, pattern, timeout=5.0):
        """The first line matching regex `pattern`, waiting up to `timeout` s; None if none."""
        deadline = time.monotonic() + timeout
        while True:
            for line in list(self.lines):
                if re.search(pattern, line):
                    return line
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.05)

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()

    def report(self):
        return "syslog:\n" + ("\n".join("  " + l for l in self.lines[-60:]) or "  (none)")
