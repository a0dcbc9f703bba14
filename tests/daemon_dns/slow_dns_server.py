"""A tiny DNS server for tests: fixed PTR and A records on 127.0.0.1:53 (in the test's own
network namespace), each PTR answered after its own delay, or never."""

import socket
import struct
import threading
import time


def _encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def _question(packet):
    """(name, qtype, end offset) of the first question."""
    labels, i = [], 12
    while packet[i] != 0:
        length = packet[i]
        labels.append(packet[i + 1:i + 1 + length].decode(errors="replace"))
        i += 1 + length
    qtype, _qclass = struct.unpack("!HH", packet[i + 1:i + 5])
    return ".".join(labels).lower(), qtype, i + 5


def reverse_name(ip):
    return ".".join(reversed(ip.split("."))) + ".in-addr.arpa"


class SlowDnsServer:
    """hosts: {ip: (name, ptr_delay_seconds or None for never)}; A records answer at once."""

    PTR, A = 12, 1

    def __init__(self, hosts, address=("127.0.0.1", 53)):
        self.hosts = hosts
        self.queries = []  # (seconds since start, name, qtype)
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.bind(address)
        self._sock.settimeout(0.1)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _answer(self, packet, rtype, rdata):
        _name, _qtype, end = _question(packet)
        flags = 0x8180 if rdata is not None else 0x8183  # NOERROR / NXDOMAIN, RD+RA
        header = struct.pack("!HHHHHH", struct.unpack("!H", packet[:2])[0], flags, 1,
                             1 if rdata is not None else 0, 0, 0)
        out = header + packet[12:end]
        if rdata is not None:
            out += struct.pack("!HHHIH", 0xC00C, rtype, 1, 60, len(rdata)) + rdata
        return out

    def _reply(self, packet, peer):
        name, qtype, _ = _question(packet)
        with self._lock:
            self.queries.append((time.monotonic() - self._start, name, qtype))
        rdata, delay = None, 0.0
        for ip, (host, ptr_delay) in self.hosts.items():
            if qtype == self.PTR and name == reverse_name(ip):
                if ptr_delay is None:
                    return  # never answers
                rdata, delay = _encode_name(host), ptr_delay
            elif qtype == self.A and name == host:
                rdata = socket.inet_aton(ip)
        if self._stop.wait(delay):
            return
        try:
            self._sock.sendto(self._answer(packet, qtype, rdata), peer)
        except OSError:
            pass

    def _serve(self):
        while not self._stop.is_set():
            try:
                packet, peer = self._sock.recvfrom(512)
            except socket.timeout:
                continue
            except OSError:
                return
            if len(packet) < 17:
                continue
            threading.Thread(target=self._reply, args=(packet, peer), daemon=True).start()

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()
