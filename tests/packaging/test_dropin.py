"""Drop-in proof of talk-ng's Debian packages: usage test_dropin.py netkit|inetutils.

A Debian 12 tree (cached mmdebstrap tarball) with openbsd-inetd and the case's talk + talkd gets
talk-ng's debs through apt; then the tree's inetd, run chrooted inside the harness's private
namespaces (talkharness), spawns the packaged talkd for a real conversation between the
packaged talk (caller) and the tree's netkit or inetutils talk (callee) on the harness's ptys;
then remove, purge and reinstalling the replaced daemon. Checks that the host's inetd.conf,
talk alternative and UDP 517/518 are the same before and after. Needs root, Debian's archive
(first run) and the debs (packaging/build-debs, run here when missing); else skips (77)."""

import hashlib
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debtree as dt  # noqa: E402


def host_state():
    state = {}
    for path in ("/etc/inetd.conf", "/var/lib/dpkg/alternatives/talk"):
        try:
            with open(path, "rb") as f:
                state[path] = hashlib.sha256(f.read()).hexdigest()
        except FileNotFoundError:
            state[path] = "absent"
    state["/usr/bin/talk"] = os.path.realpath("/usr/bin/talk")
    ports = set()
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            ports |= {int(row.split()[1].rsplit(":", 1)[1], 16) for row in list(f)[1:]}
    state["udp 517/518"] = sorted(ports & {517, 518})
    return state


def outer(case):
    dt.require(tools=("mmdebstrap", "dpkg-buildpackage", "tmux", "unshare"),
               archive=not os.path.exists(dt.base_path(case)))
    timer = dt.Timer()
    with timer.step("build the debs (cached)"):
        debs = dt.build_debs()
    with timer.step(f"base tarball {case} (cached)"):
        tarball = dt.base_tarball(case)
    tree = os.path.join(dt.build_dir(), "packaging-trees", case)
    with timer.step("unpack the tree"):
        dt.unpack(tarball, tree)
    before = host_state()
    env = dict(os.environ, PYTHONPATH=os.path.join(dt.SOURCE_DIR, "tests", "harness"))
    rc = subprocess.run([sys.executable, os.path.abspath(__file__), case, "--inner", tree, *debs],
                        env=env, check=False).returncode
    after = host_state()
    with timer.step("delete the tree"):
        dt.remove_tree(tree)
    timer.summary()
    if before != after:
        print(f"FAIL: the host changed:\n before {before}\n after  {after}")
        return 1
    print("host unchanged:", after)
    return rc


def main():
    case = sys.argv[1] if len(sys.argv) > 1 else ""
    if case not in ("netkit", "inetutils"):
        raise SystemExit("usage: test_dropin.py netkit|inetutils")
    if len(sys.argv) > 3 and sys.argv[2] == "--inner":
        import dropin
        import talkharness as th
        tree, debs = sys.argv[3], sys.argv[4:]
        th.run(lambda lab: dropin.test(lab, case, tree, debs), timeout=240)
    sys.exit(outer(case))


if __name__ == "__main__":
    main()
