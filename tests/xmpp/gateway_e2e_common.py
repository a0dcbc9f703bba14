# Helpers for the talk-XMPP gateway's end-to-end tests: talk-ng's talkd handing over to the
# gateway, the gateway itself (its account file, names files, log), and the XMPP accounts.
import os
import re
import time

import talkharness as th
from private_prosody import DOMAIN

GATEWAY_JID = f"gateway@{DOMAIN}"
# tkbob: the XMPP account of the lab's user tkbob (xmpp_e2e_common.account_home names it so).
ACCOUNTS = {"gateway": "gateway-pw", "carol": "carol-pw", "tkbob": "tkbob-pw", "eve": "eve-pw"}


def names_file(lab, user, text):
    """~user/.config/talk/xmpp-names with `text`: the user's own, mode 644."""
    owner = lab.user(user)
    home = os.path.join(lab.workdir, "home", user)
    os.makedirs(f"{home}/.config/talk", exist_ok=True)
    path = f"{home}/.config/talk/xmpp-names"
    with open(path, "w") as f:
        f.write(text)
    for p in (home, f"{home}/.config", f"{home}/.config/talk", path):
        os.chown(p, owner.uid, owner.gid)
    for p in (home, f"{home}/.config", f"{home}/.config/talk"):
        os.chmod(p, 0o755)
    os.chmod(path, 0o644)
    return path


class Gateway:
    """talk-gateway in the lab as root (it drops to nobody), with its own account file."""

    def __init__(self, lab, prosody, site_names=""):
        self.lab = lab
        self.dir = os.path.join(lab.workdir, "gateway")
        os.makedirs(self.dir, mode=0o755, exist_ok=True)
        os.chmod(self.dir, 0o755)
        self.socket = os.path.join(self.dir, "gateway.sock")
        self.state = os.path.join(self.dir, "gateway.state")
        self.config = os.path.join(self.dir, "gateway.conf")
        with open(self.config, "w") as f:
            f.write(f"jid = {GATEWAY_JID}\npassword = {ACCOUNTS['gateway']}\n"
                    f"server = 127.0.0.1\nport = {prosody.port}\ntls = unverified\n")
        os.chmod(self.config, 0o600)
        self.names = os.path.join(self.dir, "xmpp-names")
        with open(self.names, "w") as f:
            f.write(site_names)
        self.proc = None
        self.out = None

    def start(self):
        path = os.path.join(th.build_dir(), "src", "gateway", "talk-gateway")
        self.proc = self.lab.spawn([path, "--config", self.config, "--socket", self.socket,
                                    "--names", self.names, "--talkd-port", "518", "--state", self.state,
                                    # the lab's users have no home in the user database
                                    "--user-names",
                                    os.path.join(self.lab.workdir, "home/%u/.config/talk/xmpp-names"),
                                    "--foreground", "--debug"])
        self.out = self.lab.processes[-1][2]
        self.wait_log(r": online$", "its login")
        return self

    def log(self):
        with open(self.out, errors="replace") as f:
            return f.read()

    def wait_log(self, pattern, what, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if re.search(pattern, self.log(), re.M):
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"the gateway never logged {what}; its output:\n{self.log()}")

    def state_lines(self):
        try:
            with open(self.state) as f:
                return f.read().splitlines()
        except FileNotFoundError:
            return []

    def stop(self, signal_number=15):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal_number)
            self.proc.wait(timeout=15)
        return self.proc.returncode


def talkd(gateway):
    """talk-ng's talkd (inetd-style, nobody.tty) handing unknown callees to `gateway`."""
    return th.daemon("talk-ng", extra_args=("--gateway", gateway.socket))
