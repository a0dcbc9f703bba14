"""A Debian tree booted with systemd-nspawn, for the system tests: the tree is made once with
mmdebstrap (a tarball cached in the build tree), unpacked per run, given talk-ng with
`cmake --install`, booted in its own cgroup, entered with nsenter, and torn down completely
(container, cgroups, nspawn's run-time directory, the unpacked tree) even when a check fails."""

import ctypes
import fcntl
import hashlib
import os
import shutil
import signal
import subprocess
import time
import urllib.request

MIRROR = os.environ.get("TALK_DEBIAN_MIRROR", "http://deb.debian.org/debian")
USERS = ("tkbob", "tkcarol", "tkdave")
PACKAGES = ("systemd,systemd-sysv,dbus,libpam-systemd,iproute2,procps,util-linux,netbase,"
            "openbsd-inetd,openssh-server,openssh-client,libbsd0,libncursesw6,libtinfo6,libsystemd0")
# Made once into the cached tree: the throwaway users, and root's key in their authorized_keys.
CUSTOMIZE = ("for u in " + " ".join(USERS) + "; do chroot \"$1\" useradd -m -s /bin/bash $u; done;"
             " chroot \"$1\" ssh-keygen -q -t ed25519 -N '' -f /root/.ssh/id_ed25519;"
             " for u in " + " ".join(USERS) + "; do d=\"$1/home/$u/.ssh\"; mkdir -p \"$d\";"
             " cp \"$1/root/.ssh/id_ed25519.pub\" \"$d/authorized_keys\";"
             " chroot \"$1\" chown -R $u:$u /home/$u/.ssh; done")


class Skip(Exception):
    """The machine cannot run the test (not root, no nspawn, no archive)."""


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def require_machine():
    if os.geteuid() != 0:
        raise Skip("needs root (mmdebstrap, systemd-nspawn, nsenter)")
    for tool in ("mmdebstrap", "systemd-nspawn", "nsenter", "tar"):
        if shutil.which(tool) is None:
            raise Skip(f"{tool} is not installed (scripts/install-deps installs it)")


def archive_reachable(suite):
    try:
        with urllib.request.urlopen(f"{MIRROR}/dists/{suite}/Release", timeout=15) as reply:
            return reply.status == 200
    except OSError:
        return False


def cached_tree(build_dir, suite):
    """The tarball of a minimal `suite` system with systemd, sshd and inetd; made when missing."""
    cache = os.path.join(build_dir, "system-trees")
    os.makedirs(cache, exist_ok=True)
    recipe = hashlib.sha256((PACKAGES + CUSTOMIZE).encode()).hexdigest()[:10]
    tarball = os.path.join(cache, f"{suite}-{recipe}.tar")
    with open(os.path.join(cache, f"{suite}.lock"), "w", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a parallel test waits for the same tree
        if os.path.exists(tarball):
            return tarball
        if not archive_reachable(suite):
            raise Skip(f"Debian's archive ({MIRROR}) is not reachable to make the {suite} tree")
        started = time.monotonic()
        partial = tarball + ".partial"
        subprocess.run(["mmdebstrap", "--quiet", "--variant=minbase", f"--include={PACKAGES}",
                        "--format=tar", f"--customize-hook={CUSTOMIZE}", suite, partial, MIRROR],
                       check=True, timeout=900)
        os.rename(partial, tarball)
        for old in os.listdir(cache):  # trees of an older recipe
            if old.startswith(f"{suite}-") and old.endswith(".tar") and old != os.path.basename(tarball):
                os.unlink(os.path.join(cache, old))
        log(f"made the {suite} tree in {time.monotonic() - started:.1f} s")
        return tarball


def wait_until(what, predicate, timeout, step=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def cgroup_roots():
    """The hierarchies nspawn puts its payload into: cgroup2, plus name=systemd on hybrid hosts."""
    base = "/sys/fs/cgroup"
    if os.path.exists(os.path.join(base, "cgroup.controllers")):
        return [base]
    return [os.path.join(base, h) for h in ("unified", "systemd")
            if os.path.isdir(os.path.join(base, h))]


def cgroup_pids(group):
    pids = []
    for top, _dirs, _files in os.walk(group):
        try:
            with open(os.path.join(top, "cgroup.procs"), encoding="ascii") as procs:
                pids += [int(p) for p in procs.read().split()]
        except OSError:
            pass
    return pids


def die_with_parent():
    """In the child: SIGTERM when the test process dies (nspawn then powers the box off)."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def remove_stale_boxes(runs):
    """Removes what a killed earlier run left: its processes, cgroups and unpacked tree."""
    def dead(name):  # names end in the pid of the test that made them
        return not os.path.exists(f"/proc/{name.split('.')[0].rsplit('-', 1)[-1]}")
    for root in cgroup_roots():
        for name in os.listdir(root):
            if not name.startswith("talkng-") or not dead(name):
                continue
            group = os.path.join(root, name)
            for pid in cgroup_pids(group):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                wait_until("stale processes to die", lambda g=group: not cgroup_pids(g), 10)
                remove_cgroup(group)
            except (AssertionError, OSError):
                pass
    for name in os.listdir(runs) if os.path.isdir(runs) else []:
        path = os.path.join(runs, name)
        if dead(name) and os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
        elif dead(name):
            os.unlink(path)


def remove_cgroup(group):
    for top, dirs, _files in os.walk(group, topdown=False):
        for d in dirs:
            os.rmdir(os.path.join(top, d))
    os.rmdir(group)


class Box:
    """One booted container. Use as a context manager: everything goes away on exit."""

    def __init__(self, build_dir, suite):
        self.suite = suite
        self.name = f"talkng-{suite}-{os.getpid()}"
        self.tree = os.path.join(build_dir, "system-runs", self.name)
        self.tarball = cached_tree(build_dir, suite)
        remove_stale_boxes(os.path.join(build_dir, "system-runs"))
        self.groups = [os.path.join(root, self.name) for root in cgroup_roots()]
        self.nspawn = None
        self.leader = None
        self.console = os.path.join(build_dir, "system-runs", self.name + ".console")

    def __enter__(self):
        try:
            self._prepare()
            self._boot()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def _prepare(self):
        started = time.monotonic()
        os.makedirs(self.tree)
        subprocess.run(["tar", "-xf", self.tarball, "-C", self.tree], check=True, timeout=300)
        build = os.environ["TALK_BUILD_DIR"]
        cmake = os.environ.get("CMAKE_COMMAND", "cmake")
        subprocess.run([cmake, "--install", build], check=True, timeout=120,
                       env={**os.environ, "DESTDIR": self.tree}, stdout=subprocess.DEVNULL)
        prefix = subprocess.run(["sh", "-c", f"ls -d {self.tree}/usr/local/share/talk-ng "
                                 f"{self.tree}/usr/share/talk-ng 2>/dev/null | head -n 1"],
                                capture_output=True, text=True, check=True).stdout.strip()
        with open(os.path.join(prefix, "talkd.inetd"), encoding="ascii") as lines:
            inetd_lines = [line for line in lines if not line.startswith("#")]
        with open(os.path.join(self.tree, "etc/inetd.conf"), "a", encoding="ascii") as conf:
            conf.writelines(inetd_lines)
        self.inetd_lines = inetd_lines
        os.makedirs(os.path.join(self.tree, "var/lib/talkng"), exist_ok=True)
        log(f"{self.suite}: tree unpacked and talk-ng installed in "
            f"{time.monotonic() - started:.1f} s")

    def _boot(self):
        started = time.monotonic()
        for group in self.groups:
            os.mkdir(group)
        argv = ["systemd-nspawn", "-D", self.tree, "--boot", "--private-network", "--register=no",
                "--keep-unit", "-M", self.name, "--console=read-only"]
        join = 'for g in "$@"; do echo $$ > "$g/cgroup.procs"; done; exec ' + " ".join(argv)
        with open(self.console, "wb") as console:
            self.nspawn = subprocess.Popen(["sh", "-c", join, "sh", *self.groups],
                                           stdin=subprocess.DEVNULL, stdout=console,
                                           stderr=subprocess.STDOUT, start_new_session=True,
                                           preexec_fn=die_with_parent)
        self.leader = wait_until("the container's init", self._find_leader, 30)
        try:
            state = wait_until("systemd to finish booting", self._booted, 90, step=0.3)
        except AssertionError as timeout:
            jobs = self.sh("systemctl is-system-running; systemctl list-jobs --no-pager",
                           check=False)
            raise AssertionError(f"{timeout}\n{jobs.stdout}{jobs.stderr}\n"
                                 + self.console_text()) from None
        log(f"{self.suite}: booted ({state}) in {time.monotonic() - started:.1f} s")

    def _find_leader(self):
        if self.nspawn.poll() is not None:
            raise AssertionError(f"systemd-nspawn exited ({self.nspawn.returncode}):\n"
                                 + self.console_text())
        try:
            with open(f"/proc/{self.nspawn.pid}/task/{self.nspawn.pid}/children",
                      encoding="ascii") as children:
                found = children.read().split()
        except OSError:
            return None
        return int(found[0]) if found else None

    def _booted(self):
        out = self.sh("systemctl is-system-running", check=False).stdout.strip()
        if out in ("running", "degraded"):
            return out
        if self.nspawn.poll() is not None:
            raise AssertionError("the container stopped while booting:\n" + self.console_text())
        return None

    def sh(self, command, check=True, timeout=30):
        """Runs `command` with sh inside the container (all of its namespaces)."""
        done = subprocess.run(["nsenter", "-t", str(self.leader), "-a", "sh", "-c", command],
                              capture_output=True, text=True, timeout=timeout)
        if check and done.returncode != 0:
            raise AssertionError(f"in the {self.suite} box, `{command}` exited "
                                 f"{done.returncode}:\n{done.stdout}{done.stderr}")
        return done

    def read_inside(self, path):
        """The bytes of a file as the container sees it (its /run is its own), or None."""
        done = subprocess.run(["nsenter", "-t", str(self.leader), "-a", "cat", path],
                              capture_output=True, timeout=30, check=False)
        return done.stdout if done.returncode == 0 else None

    def net_run(self, argv, timeout=30):
        """Runs a host program in the container's network namespace only."""
        return subprocess.run(["nsenter", "-t", str(self.leader), "-n", *argv],
                              capture_output=True, text=True, timeout=timeout)

    def read(self, path):
        try:
            with open(os.path.join(self.tree, path.lstrip("/")), "rb") as f:
                return f.read().decode(errors="replace")
        except FileNotFoundError:
            return ""

    def console_text(self):
        try:
            with open(self.console, "rb") as f:
                return f.read().decode(errors="replace")[-4000:]
        except OSError:
            return ""

    def close(self):
        """Stops the container (orderly, then by force), removes cgroups and files."""
        started = time.monotonic()
        if self.nspawn is not None and self.nspawn.poll() is None:
            self.nspawn.send_signal(signal.SIGTERM)  # nspawn asks the container to power off
            try:
                self.nspawn.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
        for _ in range(50):  # whatever still runs in our cgroups is killed
            pids = sorted({p for g in self.groups for p in cgroup_pids(g)})
            if not pids:
                break
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
        if self.nspawn is not None and self.nspawn.poll() is None:
            self.nspawn.kill()
            self.nspawn.wait(timeout=10)
        for group in self.groups:
            if os.path.isdir(group):
                remove_cgroup(group)
        shutil.rmtree(f"/run/systemd/nspawn/propagate/{self.name}", ignore_errors=True)
        shutil.rmtree(f"/run/systemd/nspawn/unix-export/{self.name}", ignore_errors=True)
        shutil.rmtree(self.tree, ignore_errors=True)
        for path in (self.console,):
            if os.path.exists(path):
                os.unlink(path)
        log(f"{self.suite}: stopped and removed in {time.monotonic() - started:.1f} s")
