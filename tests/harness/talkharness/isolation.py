"""Runs a test in private network, mount, UTS and PID namespaces (private /run, /dev, hosts)."""

import fcntl
import os
import shutil
import socket
import struct
import subprocess
import sys

from . import utmp

SKIP = 77
HOSTNAME = "talklab"
WORK_DIR = "/run/talkharness"
_MARKER = "TALKHARNESS_ISOLATED"
_UTEMPTER_HELPERS = ("/usr/lib/x86_64-linux-gnu/utempter/utempter",
                     "/usr/lib/aarch64-linux-gnu/utempter/utempter",
                     "/usr/libexec/utempter/utempter")


class HarnessError(Exception):
    """The environment could not be set up (not a failure of the programs under test)."""


def skip(reason):
    """Prints a skip message and exits with CTest's SKIP_RETURN_CODE."""
    print(f"SKIP: {reason}", flush=True)
    sys.exit(SKIP)


def inside():
    """True in the process that runs inside the private namespaces."""
    return os.environ.get(_MARKER) == "1" and os.getpid() == 1


def require_root():
    """Skips (exit 77) unless running as root with unshare available."""
    if os.geteuid() != 0:
        skip("needs root (private network/mount namespaces, throwaway users, port 518); "
             "run the tests as root, e.g. sudo ./scripts/test")
    if shutil.which("unshare") is None:
        skip("unshare (util-linux) is not installed")


def reexec_isolated():
    """Replaces this process by itself, run as PID 1 of fresh namespaces (skips when not root).

    The namespaces live as long as that PID 1: when it exits, the kernel kills every process
    left in them, so nothing a test started (daemons, tmux, clients) can outlive it.
    """
    require_root()
    env = dict(os.environ, **{_MARKER: "1"})
    argv = ["unshare", "--net", "--mount", "--uts", "--pid", "--fork", "--kill-child",
            "--mount-proc", "--propagation", "private", sys.executable, *sys.argv]
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvpe("unshare", argv, env)


def _loopback_up():
    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, siocgifflags, req))[1]
        fcntl.ioctl(s, siocsifflags, struct.pack("16sH14x", b"lo", flags | iff_up))


def _mount(*args):
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise HarnessError(f"mount {' '.join(args)}: {result.stderr.strip()}")


def setup_namespace():
    """Inside the namespaces: lo up, fixed hostname, tmpfs /run with an empty utmp, private
    /etc/hosts, private /dev."""
    if not inside():
        raise HarnessError("setup_namespace() called outside the private namespaces")
    socket.sethostname(HOSTNAME)
    _loopback_up()
    _mount("-t", "tmpfs", "-o", "mode=0755", "talkharness-run", "/run")
    os.makedirs(WORK_DIR, mode=0o755)
    os.makedirs("/run/lock", mode=0o1777)
    fd = os.open(utmp.UTMP_PATH, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o664)
    os.close(fd)
    os.chown(utmp.UTMP_PATH, 0, _group_id("utmp", 0))
    os.chmod(utmp.UTMP_PATH, 0o664)
    hosts = os.path.join(WORK_DIR, "hosts")
    with open(hosts, "w") as f:
        f.write(f"127.0.0.1\tlocalhost {HOSTNAME}\n::1\tlocalhost ip6-localhost ip6-loopback\n")
    _mount("--bind", hosts, os.path.realpath("/etc/hosts"))
    _private_dev()
    # Debian's tmux records its panes in utmp through libutempter's helper (as the tmux user,
    # root); the harness writes each pane's record itself, so the helper is masked here.
    for helper in _UTEMPTER_HELPERS:
        if os.path.exists(helper):
            _mount("--bind", "/bin/true", helper)


def _private_dev():
    """A private /dev: the host's device nodes and /dev/pts bind-mounted into a tmpfs, so that
    /dev/log can be the harness's own syslog socket (the host's /dev is left as it is)."""
    host = os.path.join(WORK_DIR, "host-dev")
    os.makedirs(host)
    _mount("--rbind", "/dev", host)
    _mount("-t", "tmpfs", "-o", "mode=0755", "talkharness-dev", "/dev")
    for name in ("null", "zero", "full", "random", "urandom", "tty"):
        if os.path.exists(os.path.join(host, name)):
            open(os.path.join("/dev", name), "w").close()
            _mount("--bind", os.path.join(host, name), os.path.join("/dev", name))
    os.mkdir("/dev/pts")
    _mount("--bind", os.path.join(host, "pts"), "/dev/pts")
    os.symlink("pts/ptmx", "/dev/ptmx")
    os.mkdir("/dev/shm")
    _mount("-t", "tmpfs", "-o", "mode=1777", "talkharness-shm", "/dev/shm")
    os.symlink("/proc/self/fd", "/dev/fd")
    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        os.symlink(f"/proc/self/fd/{fd}", os.path.join("/dev", name))
    _mount("--make-rprivate", host)
    subprocess.run(["umount", "-l", host], check=False)


def _group_id(name, default):
    import grp
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        return default
