"""Reads and writes glibc utmp records (x86_64/aarch64 layout, 384 bytes) in a private utmp file."""

import fcntl
import os
import struct
import time

UTMP_PATH = "/var/run/utmp"

EMPTY = 0
USER_PROCESS = 7
DEAD_PROCESS = 8

# struct utmp: ut_type(short) pad pid(int) line[32] id[4] user[32] host[256] exit(2 shorts)
# session(int32) tv(int32 sec, int32 usec) addr_v6(4 x int32) unused[20].
_FORMAT = "<hxxi32s4s32s256shhiii16s20s"
RECORD_SIZE = struct.calcsize(_FORMAT)
assert RECORD_SIZE == 384, RECORD_SIZE


class Record:
    """One utmp record; strings are str, times are seconds."""

    def __init__(self, ut_type, pid, line, ut_id, user, host="", tv_sec=0, tv_usec=0):
        self.ut_type = ut_type
        self.pid = pid
        self.line = line
        self.ut_id = ut_id
        self.user = user
        self.host = host
        self.tv_sec = tv_sec
        self.tv_usec = tv_usec

    def pack(self):
        return struct.pack(
            _FORMAT, self.ut_type, self.pid, self.line.encode(), self.ut_id.encode(),
            self.user.encode(), self.host.encode(), 0, 0, 0, self.tv_sec, self.tv_usec,
            b"", b"")

    @classmethod
    def unpack(cls, data):
        (ut_type, pid, line, ut_id, user, host, _e1, _e2, _session, sec, usec, _addr,
         _unused) = struct.unpack(_FORMAT, data)

        def text(raw):
            return raw.split(b"\0", 1)[0].decode(errors="replace")

        return cls(ut_type, pid, text(line), text(ut_id), text(user), text(host), sec, usec)

    def __repr__(self):
        return (f"Record(type={self.ut_type}, pid={self.pid}, line={self.line!r}, "
                f"id={self.ut_id!r}, user={self.user!r})")


def read_records(path=UTMP_PATH):
    """All records of the utmp file at path (an empty list when it does not exist)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        return []
    return [Record.unpack(data[i:i + RECORD_SIZE])
            for i in range(0, len(data) - RECORD_SIZE + 1, RECORD_SIZE)]


def _put(path, record):
    """Replaces the record with the same ut_id (as pututxline does) or appends it, under a lock."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o664)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX)
        data = b""
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
        offset = len(data) - len(data) % RECORD_SIZE
        for i in range(0, len(data) - RECORD_SIZE + 1, RECORD_SIZE):
            old = Record.unpack(data[i:i + RECORD_SIZE])
            if old.ut_id == record.ut_id and old.ut_type in (USER_PROCESS, DEAD_PROCESS, EMPTY):
                offset = i
                break
        os.pwrite(fd, record.pack(), offset)
    finally:
        os.close(fd)


def login(line, user, pid, path=UTMP_PATH, host=""):
    """Writes a USER_PROCESS record for tty `line` ("pts/3") of `user`, process `pid`, time now."""
    now = time.time()
    _put(path, Record(USER_PROCESS, pid, line, line[-4:], user, host, int(now),
                      int((now % 1) * 1e6)))


def logout(line, path=UTMP_PATH):
    """Marks the record of tty `line` DEAD_PROCESS (user and host cleared, as logout(3) does)."""
    now = time.time()
    _put(path, Record(DEAD_PROCESS, 0, line, line[-4:], "", "", int(now), 0))


def logout_all(path=UTMP_PATH):
    """Marks every USER_PROCESS record of the file DEAD_PROCESS; returns the lines it closed."""
    closed = [r.line for r in read_records(path) if r.ut_type == USER_PROCESS]
    for line in closed:
        logout(line, path)
    return closed
