"""talk control messages: encode/decode (ntalk 84/24 bytes, otalk 76) and a one-shot request."""

import socket
import struct

TYPES = {0: "LEAVE_INVITE", 1: "LOOK_UP", 2: "DELETE", 3: "ANNOUNCE"}
ANSWERS = {0: "SUCCESS", 1: "NOT_HERE", 2: "FAILED", 3: "MACHINE_UNKNOWN", 4: "PERMISSION_DENIED",
           5: "UNKNOWN_REQUEST", 6: "BADVERSION", 7: "BADADDR", 8: "BADCTLADDR"}
LEAVE_INVITE, LOOK_UP, DELETE, ANNOUNCE = 0, 1, 2, 3
CTL_MSG_SIZE, CTL_RESPONSE_SIZE, OTALK_MSG_SIZE = 84, 24, 76


def pack_addr(ip="0.0.0.0", port=0, family=socket.AF_INET):
    """A 16-byte osockaddr: big-endian family, port, IPv4, 8 zero bytes."""
    return struct.pack("!HH4s8x", family, port, socket.inet_aton(ip))


def unpack_addr(raw):
    family, port, ip = struct.unpack("!HH4s8x", raw)
    return family, socket.inet_ntoa(ip), port


def _name(raw):
    return raw.split(b"\0", 1)[0].decode(errors="backslashreplace")


def encode_ctl_msg(msg_type, l_name, r_name, r_tty="", id_num=0, addr=None, ctl_addr=None, pid=0,
                   vers=1):
    """An 84-byte ntalk CTL_MSG (addr/ctl_addr: 16-byte osockaddr from pack_addr())."""
    return struct.pack("!BBBBI16s16si12s12s16s", vers, msg_type, 0, 0, id_num,
                       addr or pack_addr(), ctl_addr or pack_addr(), pid, l_name.encode(),
                       r_name.encode(), r_tty.encode())


def decode_ctl_response(data):
    """dict(vers, type, answer, id_num, addr=(family, ip, port)) of a 24-byte CTL_RESPONSE."""
    vers, msg_type, answer, _pad, id_num, addr = struct.unpack("!BBBBI16s", data[:24])
    return {"vers": vers, "type": msg_type, "answer": answer, "id_num": id_num,
            "addr": unpack_addr(addr)}


def describe(payload):
    """One line describing a control datagram (by its size: request, response or old talk)."""
    n = len(payload)
    if n == CTL_MSG_SIZE:
        vers, t, _a, _p, id_num, addr, ctl, pid, l_name, r_name, r_tty = struct.unpack(
            "!BBBBI16s16si12s12s16s", payload)
        _, aip, aport = unpack_addr(addr)
        _, cip, cport = unpack_addr(ctl)
        return (f"CTL_MSG v{vers} {TYPES.get(t, t)} id={id_num} {_name(l_name)!r}->"
                f"{_name(r_name)!r} tty={_name(r_tty)!r} addr={aip}:{aport} "
                f"ctl_addr={cip}:{cport} pid={pid}")
    if n == CTL_RESPONSE_SIZE:
        r = decode_ctl_response(payload)
        family, ip, port = r["addr"]
        return (f"CTL_RESPONSE v{r['vers']} {TYPES.get(r['type'], r['type'])} "
                f"{ANSWERS.get(r['answer'], r['answer'])} id={r['id_num']} "
                f"addr=({family}) {ip}:{port}")
    if n == OTALK_MSG_SIZE:
        return f"otalk message (76 bytes): {payload.hex()}"
    return f"{n} bytes: {payload[:96].hex()}"


def request(payload, port=518, timeout=2.0, source=("127.0.0.1", 0)):
    """Sends one datagram to 127.0.0.1:port from `source`; returns the reply bytes or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(source)
        sock.settimeout(timeout)
        sock.sendto(payload, ("127.0.0.1", port))
        try:
            return sock.recv(4096)
        except socket.timeout:
            return None
