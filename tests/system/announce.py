"""Sends one ntalk ANNOUNCE (tkalice calling USER) to 127.0.0.1:518 and prints the answer's
name; run in a container's network namespace (nsenter -n) by the system tests."""

import socket
import sys

import talkharness.control as ctl


def main():
    callee = sys.argv[1]
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        request = ctl.encode_ctl_msg(ctl.ANNOUNCE, "tkalice", callee, id_num=7,
                                     addr=ctl.pack_addr("127.0.0.1", 40123),
                                     ctl_addr=ctl.pack_addr("127.0.0.1", port), pid=4242)
        sock.settimeout(3)
        for _ in range(5):  # the first datagram starts talkd (inetd, systemd): allow for it
            sock.sendto(request, ("127.0.0.1", 518))
            try:
                reply = sock.recv(64)
            except socket.timeout:
                continue
            print(ctl.ANSWERS.get(ctl.decode_ctl_response(reply)["answer"], "?"))
            return 0
    print("NO_ANSWER")
    return 1


sys.exit(main())
