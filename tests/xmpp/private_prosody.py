# A private prosody for tests: an unprivileged process (nobody when started as root) on a free
# loopback port, with its own config, data dir and self-signed certificate, and accounts made
# with prosodyctl. Use as a context manager; it is stopped on leaving, even on failure.
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

DOMAIN = "localhost"

CONFIG = """\
pidfile = "{dir}/prosody.pid"
data_path = "{dir}/data"
interfaces = {{ "127.0.0.1" }}
c2s_ports = {{ {port} }}
c2s_interfaces = {{ "127.0.0.1" }}
modules_enabled = {{ "roster", "saslauth", "tls", "disco", "ping" }}
modules_disabled = {{ "s2s", "http", "admin_telnet", "posix" }}
c2s_require_encryption = true
authentication = "internal_hashed"
log = {{ debug = "{dir}/prosody.log" }}
certificates = "{dir}/certs"
ssl = {{ certificate = "{dir}/certs/localhost.crt", key = "{dir}/certs/localhost.key" }}
VirtualHost "{domain}"
"""


def available():
    return bool(shutil.which("prosody") and shutil.which("prosodyctl") and shutil.which("openssl"))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unprivileged(cmd):
    if os.geteuid() != 0:
        return cmd
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"] + cmd


class PrivateProsody:
    """prosody with `accounts` ({user: password}) on DOMAIN; .port, .dir, .log_tail()."""

    def __init__(self, accounts):
        self.accounts = dict(accounts)
        self.dir = None
        self.port = None
        self.server = None

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="talk-prosody-")
        try:
            self._start()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _start(self):
        work = self.dir
        os.makedirs(f"{work}/data")
        os.makedirs(f"{work}/certs")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", f"/CN={DOMAIN}", "-keyout", f"{work}/certs/localhost.key",
                        "-out", f"{work}/certs/localhost.crt"],
                       check=True, capture_output=True, timeout=60)
        self.port = _free_port()
        config = f"{work}/prosody.cfg.lua"
        with open(config, "w") as f:
            f.write(CONFIG.format(dir=work, port=self.port, domain=DOMAIN))
        if os.geteuid() == 0:
            for root, dirs, files in os.walk(work):
                for name in dirs + files + ["."]:
                    os.chown(os.path.join(root, name), 65534, 65534)
        for user, password in self.accounts.items():
            subprocess.run(_unprivileged(["prosodyctl", "--config", config, "register", user,
                                          DOMAIN, password]),
                           check=True, capture_output=True, timeout=60)
        self.server = subprocess.Popen(_unprivileged(["prosody", "-F", "--config", config]),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and self.server.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("prosody did not start listening; its log:\n" + self.log_tail())

    def log_tail(self, size=6000):
        try:
            with open(f"{self.dir}/prosody.log", errors="replace") as f:
                return f.read()[-size:]
        except OSError as e:
            return f"(no log: {e})"

    def __exit__(self, *exc):
        if self.server is not None:
            try:
                os.killpg(self.server.pid, signal.SIGTERM)
                self.server.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(self.server.pid, signal.SIGKILL)
                self.server.wait()
            self.server = None
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
        return False
