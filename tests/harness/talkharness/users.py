"""Throwaway system users for sessions (created on demand, shared by all tests)."""

import fcntl
import grp
import os
import pwd
import subprocess
import time

from .isolation import HarnessError

# Names stay within 8 characters so that old talk's 9-byte name fields hold them.
ALICE, BOB, CAROL, DAVE = "tkalice", "tkbob", "tkcarol", "tkdave"
_LOCK = "/tmp/talkharness-useradd.lock"


class User:
    """A login: name, uid, gid, and the tty group id its terminals get."""

    def __init__(self, name):
        entry = pwd.getpwnam(name)
        self.name = name
        self.uid = entry.pw_uid
        self.gid = entry.pw_gid
        self.shell = entry.pw_shell or "/bin/sh"

    def __repr__(self):
        return f"User({self.name!r}, uid={self.uid})"


def tty_gid():
    """Group id of `tty` (5 on Debian)."""
    try:
        return grp.getgrnam("tty").gr_gid
    except KeyError:
        return 5


def ensure_user(name):
    """Returns the User `name`, creating it as a system user without a home when missing."""
    if len(name) > 8:
        raise HarnessError(f"user name {name!r} is longer than 8 characters")
    try:
        return User(name)
    except KeyError:
        pass
    with open(_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for _ in range(20):
            try:
                return User(name)
            except KeyError:
                pass
            result = subprocess.run(
                ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                 "--shell", "/bin/sh", name], capture_output=True, text=True, check=False)
            if result.returncode in (0, 9):  # 9: the name exists (created concurrently)
                return User(name)
            time.sleep(0.25)  # /etc/passwd locked by someone else
    raise HarnessError(f"useradd {name} failed: {result.stderr.strip()}")


def drop_privileges(user):
    """In a child about to exec: become `user` with its supplementary groups."""
    os.initgroups(user.name, user.gid)
    os.setgid(user.gid)
    os.setuid(user.uid)
