# Helpers for the xmpp end-to-end tests: a user's private account file, starting talk, and the
# scripted slixmpp peer (bob) driven line by line.
import contextlib
import os
import queue
import shlex
import subprocess
import tempfile
import threading
import time

import talkharness as th
from private_prosody import DOMAIN, PrivateProsody, available

HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's python3-slixmpp is installed for the system interpreter.
SYSTEM_PYTHON = "/usr/bin/python3"


def account_home(lab, base, user, port, password):
    """XDG_CONFIG_HOME for `user`, holding talk/xmpp (theirs, mode 600)."""
    owner = lab.user(user)
    home = f"{base}/{user}"
    os.makedirs(f"{home}/talk")
    path = f"{home}/talk/xmpp"
    with open(path, "w") as f:
        f.write(f"jid = {user}@{DOMAIN}\npassword = {password}\n"
                f"server = 127.0.0.1\nport = {port}\ntls = unverified\n")
    os.chmod(path, 0o600)
    for p in (home, f"{home}/talk", path):
        os.chown(p, owner.uid, owner.gid)
    return home


def start_talk(term, client, config_home, peer):
    command = " ".join(shlex.quote(w) for w in client.command(f"xmpp:{peer}@{DOMAIN}"))
    term.type_line(f"XDG_CONFIG_HOME={config_home} {command}; "
                   'echo "[client exited with status $?]"')


def have_slixmpp():
    return subprocess.run([SYSTEM_PYTHON, "-c", "import slixmpp"],
                          capture_output=True).returncode == 0


class ScriptedPeer:
    """slixmpp_peer.py logged in as `jid`, talking to `peer`: command() and expect()."""

    def __init__(self, jid, password, port, peer):
        self.proc = subprocess.Popen(
            [SYSTEM_PYTHON, f"{HERE}/slixmpp_peer.py", jid, password, str(port), peer],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def command(self, verb, arg=""):
        self.proc.stdin.write(f"{verb} {arg}\n")
        self.proc.stdin.flush()

    def expect(self, predicate, what, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(line)
            if predicate(line):
                return line
        raise AssertionError(f"the scripted peer never reported {what}; it said: {self.seen}")

    def drain(self):
        """What it reported and was not read yet."""
        lines = []
        while True:
            try:
                lines.append(self.lines.get_nowait())
            except queue.Empty:
                self.seen += lines
                return lines

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


@contextlib.contextmanager
def talk_calling_scripted_bob(lab):
    """A private prosody with tkalice and bob, bob's scripted client logged in and tkalice's
    terminal running `talk xmpp:bob@...`: yields (prosody, peer, conv, alice) and stops the
    peer at the end. Skips without prosody or slixmpp."""
    if not available():
        raise th.Skip("prosody is not installed (apt-get install prosody)")
    if not have_slixmpp():
        raise th.Skip("python3-slixmpp is not installed")
    accounts = {th.ALICE: "alice-pw", "bob": "bob-pw"}
    with PrivateProsody(accounts) as prosody, tempfile.TemporaryDirectory() as base:
        os.chmod(base, 0o755)
        home = account_home(lab, base, th.ALICE, prosody.port, "alice-pw")
        peer = ScriptedPeer(f"bob@{DOMAIN}", "bob-pw", prosody.port, f"{th.ALICE}@{DOMAIN}")
        try:
            peer.expect(lambda l: l == "ONLINE", "its login")
            client = lab.reachable(th.client("talk-ng"))
            conv = th.Conversation(lab, client, client)
            alice = lab.terminal(th.ALICE, name="alice")
            alice.wait_for("$", describe="shell prompt")
            start_talk(alice, client, home, "bob")
            yield prosody, peer, conv, alice
        finally:
            peer.stop()
