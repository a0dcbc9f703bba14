#!/usr/bin/env python3
# Runs a command next to a private prosody: an unprivileged process on a free loopback port,
# its own config, data dir and self-signed certificate, with the accounts alice and bob; the
# command gets TALK_XMPP_* in its environment. prosody is stopped at the end, even on failure.
# Exits 77 (skipped) when prosody is not installed.
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

DOMAIN = "localhost"
ACCOUNTS = {"alice": "alice-secret", "bob": "bob-secret"}

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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_prosody_user(cmd):
    """As root, run prosody's tools as nobody: the test server is never a privileged process."""
    if os.geteuid() != 0:
        return cmd
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"] + cmd


def wait_for_port(port, proc, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def main():
    if "--" not in sys.argv:
        print("usage: prosody_fixture.py -- command...", file=sys.stderr)
        return 2
    command = sys.argv[sys.argv.index("--") + 1:]
    if not shutil.which("prosody") or not shutil.which("prosodyctl"):
        print("prosody_fixture: SKIP: prosody is not installed (apt-get install prosody)")
        return 77
    work = tempfile.mkdtemp(prefix="talk-prosody-")
    server = None
    try:
        os.makedirs(f"{work}/data")
        os.makedirs(f"{work}/certs")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", f"/CN={DOMAIN}", "-keyout", f"{work}/certs/localhost.key",
                        "-out", f"{work}/certs/localhost.crt"],
                       check=True, capture_output=True, timeout=60)
        port = free_port()
        config = f"{work}/prosody.cfg.lua"
        with open(config, "w") as f:
            f.write(CONFIG.format(dir=work, port=port, domain=DOMAIN))
        if os.geteuid() == 0:
            for root, dirs, files in os.walk(work):
                for name in dirs + files + ["."]:
                    os.chown(os.path.join(root, name), 65534, 65534)
        for user, password in ACCOUNTS.items():
            subprocess.run(as_prosody_user(["prosodyctl", "--config", config, "register", user,
                                            DOMAIN, password]),
                           check=True, capture_output=True, timeout=60)
        server = subprocess.Popen(as_prosody_user(["prosody", "-F", "--config", config]),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        if not wait_for_port(port, server):
            print("prosody_fixture: prosody did not start listening; its log:")
            print(open(f"{work}/prosody.log", errors="replace").read()[-4000:])
            return 1
        env = dict(os.environ, TALK_XMPP_PORT=str(port), TALK_XMPP_DOMAIN=DOMAIN,
                   TALK_XMPP_DIR=work)
        for user, password in ACCOUNTS.items():
            env[f"TALK_XMPP_{user.upper()}_PASSWORD"] = password
        result = subprocess.run(command, env=env, timeout=600)
        if result.returncode not in (0, 77):
            print("prosody_fixture: the test failed; prosody's log (end):")
            print(open(f"{work}/prosody.log", errors="replace").read()[-6000:])
        return result.returncode
    finally:
        if server is not None:
            try:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
