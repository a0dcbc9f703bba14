"""Where the programs under test live: talk-ng's build, and Debian's peers in the build tree."""

import os
import subprocess

from .inetd import Service
from .isolation import HarnessError

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
PEER_PACKAGES = ("talk", "talkd", "inetutils-talk", "inetutils-talkd", "utalk")
CLIENT_NAMES = ("talk-ng", "netkit", "inetutils", "utalk")
DAEMON_NAMES = ("talk-ng", "netkit", "inetutils")


def build_dir():
    """$TALK_BUILD_DIR (set by CTest), else <source>/build/release."""
    return os.environ.get("TALK_BUILD_DIR") or os.path.join(SOURCE_DIR, "build", "release")


def peers_dir():
    """$TALK_PEERS_DIR, else <build>/peers (one directory per unpacked package)."""
    return os.environ.get("TALK_PEERS_DIR") or os.path.join(build_dir(), "peers")


def fetch_peers(dest=None, quiet=True):
    """Runs tests/harness/fetch-peers (idempotent); raises HarnessError when it fails."""
    dest = dest or peers_dir()
    script = os.path.join(SOURCE_DIR, "tests", "harness", "fetch-peers")
    result = subprocess.run([script, dest], capture_output=quiet, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout or "") + (result.stderr or "")
        raise HarnessError(f"fetch-peers {dest} failed:\n{output}")


class Client:
    """A talk client: name, executable path, whether it sends and shows UTF-8 text."""

    def __init__(self, name, path, utf8):
        self.name, self.path, self.utf8 = name, path, utf8

    def available(self):
        return os.access(self.path, os.X_OK)

    def command(self, *args):
        return [self.path, *args]

    def __repr__(self):
        return f"Client({self.name!r}, {self.path!r})"


class Daemon:
    """A talk daemon: name and its inetd services (port, argv, user.group)."""

    def __init__(self, name, services):
        self.name, self.services = name, services

    def available(self):
        return all(os.access(s.argv[0], os.X_OK) for s in self.services)

    def __repr__(self):
        return f"Daemon({self.name!r}, {self.services})"


def client(name):
    """The client called `name`: talk-ng, netkit, inetutils or utalk."""
    peers = peers_dir()
    paths = {
        "talk-ng": (os.path.join(build_dir(), "src", "talk", "talk"), True),
        "netkit": (os.path.join(peers, "talk", "usr", "bin", "netkit-ntalk"), False),
        "inetutils": (os.path.join(peers, "inetutils-talk", "usr", "bin", "inetutils-talk"),
                      False),
        "utalk": (os.path.join(peers, "utalk", "usr", "bin", "utalk"), False),
    }
    if name not in paths:
        raise HarnessError(f"unknown client {name!r}; known: {', '.join(paths)}")
    path, utf8 = paths[name]
    return Client(name, path, utf8)


def daemon(name, extra_args=()):
    """The daemon called `name` as Debian's inetd would run it.

    netkit: in.ntalkd on 518 and in.talkd on 517 as nobody.tty (Debian's inetd lines);
    inetutils: talkd on 518 as root (Debian's inetutils-inetd line);
    talk-ng: talkd on 518 and 517 as nobody.tty (our packaging/ inetd line).
    """
    peers = peers_dir()
    if name == "netkit":
        sbin = os.path.join(peers, "talkd", "usr", "sbin")
        return Daemon(name, [
            Service(518, [os.path.join(sbin, "in.ntalkd"), *extra_args], "nobody", "tty"),
            Service(517, [os.path.join(sbin, "in.talkd"), *extra_args], "nobody", "tty")])
    if name == "inetutils":
        path = os.path.join(peers, "inetutils-talkd", "usr", "sbin", "talkd")
        return Daemon(name, [Service(518, [path, *extra_args], "root")])
    if name == "talk-ng":
        path = os.path.join(build_dir(), "src", "talkd", "talkd")
        return Daemon(name, [Service(518, [path, *extra_args], "nobody", "tty"),
                             Service(517, [path, *extra_args], "nobody", "tty")])
    raise HarnessError(f"unknown daemon {name!r}; known: {', '.join(DAEMON_NAMES)}")


def require_peers():
    """Fetches the peers when any is missing (needs apt-get and the network the first time)."""
    missing = [c for c in ("netkit", "inetutils", "utalk") if not client(c).available()]
    missing += [d for d in ("netkit", "inetutils") if not daemon(d).available()]
    if missing:
        fetch_peers()
