"""Names, codes and errors shared by the capture of golden vectors."""

import sys

PACKAGES = ["talk", "talkd", "inetutils-talk", "inetutils-talkd", "utalk"]
CALLER, CALLEE, ABSENT = "tkalice", "tkbob", "tknobody"
TALK_PORTS = (517, 518)

LEAVE_INVITE, LOOK_UP, DELETE, ANNOUNCE = 0, 1, 2, 3
SUCCESS, NOT_HERE, PERMISSION_DENIED = 0, 1, 4


def log(*args):
    print("capture:", *args, file=sys.stderr, flush=True)


class CaptureError(Exception):
    pass
