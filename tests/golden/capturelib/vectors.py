"""Writes captured datagrams as .vectors text (format: tests/golden/README.md)."""

import socket
import struct

from capturelib.common import CALLEE, CALLER, LOOK_UP, ANNOUNCE, LEAVE_INVITE, DELETE, SUCCESS, \
    TALK_PORTS

TYPE_NAMES = {0: "LEAVE_INVITE", 1: "LOOK_UP", 2: "DELETE", 3: "ANNOUNCE"}
ANSWER_NAMES = {0: "SUCCESS", 1: "NOT_HERE", 2: "FAILED", 3: "MACHINE_UNKNOWN",
                4: "PERMISSION_DENIED", 5: "UNKNOWN_REQUEST", 6: "BADVERSION", 7: "BADADDR",
                8: "BADCTLADDR"}


def cstr(raw):
    return raw.split(b"\0", 1)[0].decode("latin-1")


def request_text(t, l_name, r_name, ident, r_tty=""):
    if t == LOOK_UP:
        text = f"looks up an invitation from {r_name} to {l_name}"
    elif t == ANNOUNCE:
        text = f"announces {l_name} to {r_name}"
    elif t == LEAVE_INVITE:
        text = f"leaves an invitation from {l_name} to {r_name}"
    elif t == DELETE:
        text = f"deletes invitation {ident} ({l_name} to {r_name})"
    else:
        text = f"type {t} from {l_name} to {r_name}"
    if t != DELETE:
        text += f", id {ident}"
    if r_tty:
        text += f", tty {r_tty}"
    return text


def describe(kind, proto, payload, who):
    """The type byte and annotation of one datagram."""
    if proto == "ntalk" and kind == "request" and len(payload) == 84:
        t = payload[1]
        ident = struct.unpack("!I", payload[4:8])[0]
        l_name, r_name, r_tty = cstr(payload[44:56]), cstr(payload[56:68]), cstr(payload[68:84])
        return t, f"{who}: {request_text(t, l_name, r_name, ident, r_tty)}"
    if proto == "otalk" and kind == "request" and len(payload) == 76:
        t = payload[0]
        l_name, r_name, r_tty = cstr(payload[1:10]), cstr(payload[10:19]), cstr(payload[28:44])
        ident = struct.unpack("!I", payload[20:24])[0]
        return t, f"{who}: {request_text(t, l_name, r_name, ident, r_tty)}"
    if len(payload) == 24:
        t = payload[1] if proto == "ntalk" else payload[0]
        answer = payload[2] if proto == "ntalk" else payload[1]
        ident = struct.unpack("!I", payload[4:8])[0]
        text = f"{who}: {ANSWER_NAMES.get(answer, 'answer ' + str(answer))}, id {ident}"
        if t == LOOK_UP and answer == SUCCESS:
            port = struct.unpack("!H", payload[10:12])[0]
            text += f", addr {socket.inet_ntoa(payload[12:16])}:{port}"
        return t, text
    return -1, f"{who}: {len(payload)}-byte datagram"


def owners_of(datagrams):
    """Client endpoint -> the user who ran it (the first real login in its requests' l_name)."""
    owners = {}
    for src, dst, payload, _ in datagrams:
        if dst[1] not in TALK_PORTS or src in owners:
            continue
        name = cstr(payload[44:56]) if len(payload) == 84 else cstr(payload[1:10])
        if name in (CALLER, CALLEE):
            owners[src] = name
    return owners


def format_vectors(datagrams, clients, daemon_names, header):
    """clients: (step, user) -> client program name; daemon_names: port -> daemon name."""
    lines = list(header)
    owners = owners_of(datagrams)
    for src, dst, payload, step in datagrams:
        kind = "request" if dst[1] in TALK_PORTS else "response"
        port = dst[1] if kind == "request" else src[1]
        proto = "ntalk" if port == 518 else "otalk"
        client_end = src if kind == "request" else dst
        user = owners.get(client_end, "?")
        client = clients.get((step, user), clients.get("*", "client"))
        daemon = daemon_names[port]
        who = (f"{client} run by {user} to {daemon}" if kind == "request"
               else f"{daemon} to {client} run by {user}")
        t, text = describe(kind, proto, payload, who)
        tname = TYPE_NAMES.get(t, f"TYPE_{t}")
        endpoints = f"{src[0]}:{src[1]} {dst[0]}:{dst[1]}"
        lines.append(f"{kind} {proto} {tname} {step} {endpoints} {payload.hex()} # {text}")
    return "\n".join(lines) + "\n"


def header_lines(title, versions, pkgs):
    out = [f"# {title}",
           "# Captured by tests/golden/capture on loopback in a private network namespace.",
           "# Fields: kind proto type step src dst hex  # annotation   (see README.md)"]
    for pkg in pkgs:
        out.append(f"# peer: {pkg} {versions.get(pkg, '?')}")
    return out
