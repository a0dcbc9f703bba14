"""The RPM spec (packaging/rpm/talk-ng.spec) builds talk-ng, talk-ng-server and talk-ng-gateway
with rpmbuild
(packaging/rpm/build-rpms); checks the packages' file lists, relations and scriptlets.
Skips (77) without rpmbuild or git."""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debtree as dt  # noqa: E402

CLIENT_FILES = {"/usr/bin/talk", "/usr/share/man/man1/talk.1*",
                "/usr/share/doc/talk-ng/README.md", "/usr/share/licenses/talk-ng/LICENSE"}
SERVER_FILES = {"/usr/sbin/in.ntalkd", "/usr/sbin/in.talkd", "/usr/share/man/man8/talkd.8*",
                "/usr/lib/systemd/system/ntalk.service", "/usr/lib/systemd/system/ntalk.socket",
                "/usr/lib/systemd/system/talk.socket",
                "/usr/share/licenses/talk-ng-server/LICENSE"}
GATEWAY_FILES = {"/usr/sbin/talk-gateway", "/usr/share/man/man8/talk-gateway.8*",
                 "/usr/lib/systemd/system/talk-gateway.service",
                 "/usr/share/licenses/talk-ng-gateway/LICENSE"}


def query(rpm, *what):
    return dt.run(["rpm", "-qp", *what, rpm], quiet=True)


def normalized(files):
    """The file list without build-id links and directories, with the doc and license
    directories named as Fedora names them (older rpm configurations add -VERSION)."""
    files = [re.sub(r"^(/usr/share/(?:doc|licenses)/talk-ng(?:-server|-gateway)?)-[0-9.]+(/|$)", r"\1\2", f)
             for f in files if not f.startswith("/usr/lib/.build-id")]
    return {f for f in files if not any(g.startswith(f + "/") for g in files)}


def matches(files, expected):
    """Every expected entry (a trailing * allows a compression suffix) matches one file."""
    left = normalized(files)
    for entry in expected:
        hit = [f for f in left if f == entry or (entry.endswith("*") and
                                                 f.startswith(entry[:-1]))]
        assert len(hit) == 1, f"{entry}: {hit} in {sorted(files)}"
        left -= set(hit)
    assert not left, f"unexpected files: {sorted(left)}"


def main():
    dt.require(tools=("rpmbuild", "rpm", "git"), archive=False, root=False)
    timer = dt.Timer()
    with timer.step("rpmbuild (cached)"):
        out = subprocess.run([os.path.join(dt.SOURCE_DIR, "packaging", "rpm", "build-rpms"),
                              os.path.join(dt.build_dir(), "rpm")], stdout=subprocess.PIPE,
                             text=True, check=False)
        assert out.returncode == 0, "build-rpms failed"
    rpms = {query(r, "--qf", "%{NAME}").strip(): r for r in out.stdout.split()}
    print("built:", *rpms.values(), sep="\n  ")
    assert set(rpms) == {"talk-ng", "talk-ng-server", "talk-ng-gateway"}, rpms
    with timer.step("check the packages"):
        client, server = rpms["talk-ng"], rpms["talk-ng-server"]
        matches(query(client, "-l").split(), CLIENT_FILES)
        matches(query(server, "-l").split(), SERVER_FILES)
        assert query(client, "--qf", "%{VERSION} %{LICENSE}").strip() == "0.1.0 BSD-2-Clause"
        assert "talk" in query(client, "--conflicts").split()
        assert "talk-server" in query(server, "--conflicts").split()
        modes = query(server, "--qf", "[%{FILENAMES} %{FILEMODES:perms}\n]")
        print(modes)
        assert "/usr/sbin/in.ntalkd -rwx--x--x" in modes
        units = dt.run(["sh", "-c", f"rpm2cpio {server} | cpio -i --to-stdout "
                        "'./usr/lib/systemd/system/*' 2>/dev/null"], quiet=True)
        print(units)
        assert "ExecStart=/usr/sbin/in.ntalkd" in units
        assert "Service=ntalk.service" in units and "ListenDatagram=0.0.0.0:517" in units
        assert "talkd.s" not in units, "a unit still names talkd.service/socket"
        scripts = query(server, "--scripts")
        print(scripts)
        for needle in ("preset ntalk.service ntalk.socket talk.socket",
                       "disable --now ntalk.service", "try-restart ntalk.service"):
            assert needle in scripts or "systemd-update-helper" in scripts, needle
        print("server requires:", query(server, "--requires").split("\n")[:12])
        gateway = rpms["talk-ng-gateway"]
        matches(query(gateway, "-l").split(), GATEWAY_FILES)
        assert "talk-ng-server" in query(gateway, "--requires"), query(gateway, "--requires")
        gateway_scripts = query(gateway, "--scripts")
        assert "talk-gateway.service" in gateway_scripts or \
            "systemd-update-helper" in gateway_scripts, gateway_scripts
    timer.summary()
    return 0


if __name__ == "__main__":
    sys.exit(main())
