"""The drop-in proof, inside the harness's namespaces: install talk-ng's debs into a throwaway
Debian tree, check what changed, hold a real conversation through the tree's inetd, then remove,
purge and reinstall the replaced daemon. Called by test_dropin.py (see there)."""

import os
import re
import shutil
import signal
import subprocess
import time

import debtree as dt
import talkharness as th

OUR_LINES = {f"{s} dgram udp4 wait nobody.tty /usr/sbin/talkd talkd" for s in ("talk", "ntalk")}
# What dpkg, update-alternatives, update-inetd and ldconfig own in /etc.
ALLOWED_ETC = {"/etc/inetd.conf", "/etc/alternatives/talk", "/etc/alternatives/talk.1.gz",
               "/etc/ld.so.cache"}
CASES = {
    # case: (replaced daemon package, other client in the tree, what the admin had done)
    "netkit": ("talkd", "/usr/bin/netkit-ntalk", None),
    "inetutils": ("inetutils-talkd", "/usr/bin/inetutils-talk", "update-inetd --enable ntalk"),
}


def inetd_lines(tree):
    with open(os.path.join(tree, "etc/inetd.conf")) as f:
        return [" ".join(line.split()) for line in f if re.match(r"(#<off># )?n?talk\s", line)]


def enabled(lines):
    return {line for line in lines if not line.startswith("#")}


def alternative(tree, link):
    return dt.chroot(tree, f"readlink -f {link}", quiet=True).strip()


def status(tree, package):
    return dt.chroot(tree, f"dpkg-query -W -f='${{db:Status-Status}}' {package} 2>/dev/null || "
                     "echo not-installed", quiet=True).strip()


def mount(*args):
    subprocess.run(["mount", *args], check=True)


def udp_listening(port):
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            for row in list(f)[1:]:
                local = row.split()[1]
                if int(local.rsplit(":", 1)[1], 16) == port:
                    return True
    return False


def processes_of(path):
    """pid -> (uid, gid) of the processes running the executable at path."""
    found = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.readlink(f"/proc/{pid}/exe") != path:
                continue
            with open(f"/proc/{pid}/status") as f:
                fields = dict(line.split(":", 1) for line in f)
            found[int(pid)] = (int(fields["Uid"].split()[1]), int(fields["Gid"].split()[1]))
        except (OSError, ValueError, KeyError):
            continue
    return found


def start_inetd(lab, tree):
    """The tree's inetd (chrooted, foreground) in the harness's network namespace."""
    inetd = lab.spawn(["/usr/sbin/chroot", tree, "/usr/sbin/inetd", "-d"])
    deadline = time.monotonic() + 15
    while not (udp_listening(518) and udp_listening(517)):
        assert inetd.poll() is None, "inetd exited"
        assert time.monotonic() < deadline, "inetd did not bind UDP 517 and 518 in 15 s"
        time.sleep(0.1)
    return inetd


def stop(inetd, tree):
    """Stops inetd and what it started; no stale pid file is left for update-inetd to signal."""
    inetd.send_signal(signal.SIGTERM)
    inetd.wait(timeout=10)
    if os.path.exists("/run/inetd.pid"):
        os.unlink("/run/inetd.pid")
    for prog in ("usr/sbin/talkd", "usr/sbin/in.ntalkd"):
        for pid in processes_of(os.path.join(tree, prog)):
            os.kill(pid, signal.SIGKILL)


def install(tree, case, debs, timer):
    replaced, other_client, admin = CASES[case]
    with timer.step("prepare the tree"):
        mount("-t", "proc", "proc", os.path.join(tree, "proc"))
        mount("--rbind", "/dev", os.path.join(tree, "dev"))
        if admin:
            dt.chroot(tree, admin)
        print("inetd.conf before:", *inetd_lines(tree), sep="\n  ")
        assert enabled(inetd_lines(tree)), f"{case}: the replaced daemon has no enabled line"
        os.makedirs(os.path.join(tree, "tmp/debs"), exist_ok=True)
        for deb in debs:
            shutil.copy(deb, os.path.join(tree, "tmp/debs"))
        before = dt.etc_snapshot(tree)
    with timer.step("apt-get install ./talk-ng debs"):
        names = " ".join("./" + os.path.basename(d) for d in debs)
        out = dt.chroot(tree, f"cd /tmp/debs && apt-get install -y {names}")
    with timer.step("check the installed system"):
        assert re.search(rf"REMOVED:\s+{re.escape(replaced)}\b", out), "apt did not remove it"
        assert status(tree, replaced) == "config-files", status(tree, replaced)
        assert status(tree, "talk-ng") == status(tree, "talk-ng-talkd") == "installed"
        assert alternative(tree, "/usr/bin/talk") == "/usr/bin/talk-ng"
        assert alternative(tree, "/usr/share/man/man1/talk.1.gz") == \
            "/usr/share/man/man1/talk-ng.1.gz"
        query = dt.chroot(tree, "update-alternatives --query talk", quiet=True)
        assert f"Alternative: {other_client}" in query, "the other client must stay selectable"
        lines = inetd_lines(tree)
        print("inetd.conf after:", *lines, sep="\n  ")
        assert set(lines) == OUR_LINES, f"expected exactly our two lines, got {lines}"
        changes = dt.etc_changes(before, dt.etc_snapshot(tree))
        print("changed in /etc:", changes)
        assert set(changes) <= ALLOWED_ETC, f"unexpected changes: {set(changes) - ALLOWED_ETC}"
        wants = os.path.join(tree, "etc/systemd/system/sockets.target.wants")
        assert os.path.exists(os.path.join(tree, "lib/systemd/system/talkd.socket"))
        assert not os.path.exists(wants) or not any("talkd" in n for n in os.listdir(wants))


def converse(lab, tree, case, timer):
    other_client = CASES[case][1]
    with timer.step("inetd spawns talkd; a two-user conversation"):
        for name in (th.ALICE, th.BOB):
            user = lab.user(name)
            dt.chroot(tree, f"id {name} >/dev/null 2>&1 || "
                      f"useradd -o -u {user.uid} -N -M -d /nonexistent -s /bin/sh {name}")
        mount("--bind", "/run", os.path.join(tree, "run"))  # the harness's utmp
        mount("--bind", os.path.realpath("/etc/hosts"), os.path.join(tree, "etc/hosts"))
        inetd = start_inetd(lab, tree)
        talkd = os.path.join(tree, "usr/sbin/talkd")
        assert not processes_of(talkd), "talkd runs before any datagram"
        caller = th.Client("talk-ng (package)", os.path.join(tree, "usr/bin/talk-ng"), True)
        callee = th.Client(f"{case} (tree)", tree + other_client, False)
        conv = th.Conversation(lab, caller, callee)
        conv.open_terminals()
        assert conv.ring().startswith(f"{th.ALICE}@")
        conv.callee.wait_for(f"connection requested by {th.ALICE}@", region="history")
        spawned = processes_of(talkd)
        assert spawned, "inetd did not start the tree's /usr/sbin/talkd"
        assert all(ids == (65534, 5) for ids in spawned.values()), f"not nobody.tty: {spawned}"
        conv.answer()
        conv.wait_connected()
        conv.say(conv.caller, conv.callee, "hello from the talk-ng package")
        conv.say(conv.callee, conv.caller, f"answered by {case} talk")
        print("talkd started by inetd (pid: uid, gid):", spawned)
        print("callee's screen:", conv.callee.screen().text, sep="\n")
        conv.hang_up("caller")
        print("talkd's syslog:", *lab.syslog.lines, sep="\n  ")
        stop(inetd, tree)


def remove_and_purge(lab, tree, case, timer):
    replaced, other_client, _ = CASES[case]
    with timer.step("apt-get remove"):
        dt.chroot(tree, "apt-get remove -y talk-ng-talkd talk-ng")
        lines = inetd_lines(tree)
        assert set(lines) == {"#<off># " + line for line in OUR_LINES}, lines
        assert alternative(tree, "/usr/bin/talk") == other_client
    with timer.step("apt-get purge"):
        dt.chroot(tree, "apt-get purge -y talk-ng-talkd talk-ng")
        lines = inetd_lines(tree)
        assert not any("/usr/sbin/talkd talkd" in line for line in lines), lines
        assert not os.path.exists(os.path.join(tree, "var/lib/talk-ng-talkd"))
    with timer.step(f"apt-get install {replaced} again"):
        dt.chroot(tree, f"apt-get install -y --no-download {replaced}")
        lines = inetd_lines(tree)
        print("inetd.conf:", *lines, sep="\n  ")
        if case == "netkit":
            assert enabled(lines) == {
                "talk dgram udp wait nobody.tty /usr/sbin/in.talkd in.talkd",
                "ntalk dgram udp wait nobody.tty /usr/sbin/in.ntalkd in.ntalkd"}, lines
            inetd = start_inetd(lab, tree)
            probe = th.control.encode_ctl_msg(th.control.LOOK_UP, th.ALICE, th.BOB,
                                              addr=th.control.pack_addr("127.0.0.1", 9),
                                              ctl_addr=th.control.pack_addr("127.0.0.1", 9))
            assert th.control.request(probe, port=518, timeout=5), "netkit talkd did not answer"
            assert processes_of(os.path.join(tree, "usr/sbin/in.ntalkd")), "not netkit's"
            stop(inetd, tree)
        else:
            assert lines == ["#<off># ntalk dgram udp4 wait root /usr/sbin/tcpd /usr/sbin/talkd"]


def test(lab, case, tree, debs):
    timer = dt.Timer()
    try:
        install(tree, case, debs, timer)
        converse(lab, tree, case, timer)
        remove_and_purge(lab, tree, case, timer)
    finally:
        timer.summary()
