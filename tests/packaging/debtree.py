"""Throwaway Debian 12 trees for the packaging tests: the archive check, cached base tarballs
made by mmdebstrap, unpacking a tree, running commands in it with chroot, and step timings."""

import hashlib
import os
import shutil
import subprocess
import sys
import time
import urllib.request

SKIP = 77
SUITE = "bookworm"
MIRROR = os.environ.get("TALK_DEBIAN_MIRROR", "http://deb.debian.org/debian")
SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The base trees: name -> packages installed on top of minbase. Every tree holds talk-ng's
# runtime libraries, so installing our debs never needs the network; the apt lists and the
# downloaded .debs are kept, so a package removed in a test can be installed again offline.
OUR_LIBS = ["libncursesw6", "libbsd0", "libsystemd0", "libstdc++6", "libstrophe0", "netbase"]
BASES = {
    "netkit": ["openbsd-inetd", "talk", "talkd", *OUR_LIBS],
    "inetutils": ["openbsd-inetd", "inetutils-talk", "inetutils-talkd", *OUR_LIBS],
    "plain": ["eatmydata"],
}


def skip(reason):
    print(f"SKIP: {reason}", flush=True)
    sys.exit(SKIP)


def build_dir():
    return os.environ.get("TALK_BUILD_DIR") or os.path.join(SOURCE_DIR, "build", "release")


def cache_dir():
    path = os.path.join(build_dir(), "packaging-cache")
    os.makedirs(path, exist_ok=True)
    return path


def debs_dir():
    return os.path.join(build_dir(), "debs")


def require(tools=(), archive=True, root=True):
    """Skips (exit 77) unless root (root=True), the tools are installed and (archive=True)
    Debian's archive answers."""
    if root and os.geteuid() != 0:
        skip("needs root (chroot, throwaway Debian trees, namespaces); run as root")
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        skip(f"missing tools: {' '.join(missing)} (scripts/install-deps installs them)")
    if archive and not archive_reachable():
        skip(f"Debian's archive ({MIRROR}) is not reachable")


def build_debs():
    """talk-ng's debs (packaging/build-debs, nocheck: the unit tests run in CTest), reused while
    the checkout is unchanged; returns the .deb paths."""
    env = dict(os.environ, DEB_BUILD_OPTIONS="nocheck")
    result = subprocess.run([os.path.join(SOURCE_DIR, "packaging", "build-debs"), debs_dir()],
                            env=env, stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode != 0:
        raise AssertionError("packaging/build-debs failed")
    return result.stdout.split()


def archive_reachable():
    url = f"{MIRROR}/dists/{SUITE}/Release"
    try:
        with urllib.request.urlopen(url, timeout=15) as reply:
            return reply.status == 200
    except OSError:
        return False


class Timer:
    """Prints how long each step took, and a summary at the end."""

    def __init__(self):
        self.steps = []
        self.start = time.monotonic()

    def step(self, name):
        timer = self

        class _Step:
            def __enter__(self):
                self.t0 = time.monotonic()
                print(f"--- {name}", flush=True)

            def __exit__(self, *exc):
                seconds = time.monotonic() - self.t0
                timer.steps.append((name, seconds))
                print(f"--- {name}: {seconds:.1f} s", flush=True)
        return _Step()

    def summary(self):
        print("timings:")
        for name, seconds in self.steps:
            print(f"  {seconds:7.1f} s  {name}")
        print(f"  {time.monotonic() - self.start:7.1f} s  total", flush=True)


def run(argv, check=True, env=None, quiet=False):
    """Runs argv; returns its output (stdout+stderr). Raises on failure when check."""
    result = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env, check=False)
    if not quiet:
        print(f"$ {' '.join(argv)}\n{result.stdout}", end="", flush=True)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(argv)} exited {result.returncode}:\n{result.stdout}")
    return result.stdout


def base_path(name):
    """Where the tarball of base tree `name` is cached (named by its suite, mirror, packages)."""
    key = hashlib.sha256(f"{SUITE} {MIRROR} {sorted(BASES[name])}".encode()).hexdigest()[:12]
    ext = ".tar.gz" if name == "plain" else ".tar"  # piuparts -b wants a gzipped tarball
    return os.path.join(cache_dir(), f"{SUITE}-{name}-{key}{ext}")


def base_tarball(name):
    """The cached tarball of base tree `name`, made with mmdebstrap when missing."""
    packages = sorted(BASES[name])
    path = base_path(name)
    if os.path.exists(path):
        return path
    partial = path.replace(".tar", ".partial.tar")
    run(["mmdebstrap", "--variant=minbase", "--include=" + ",".join(packages),
         "--skip=cleanup/apt/lists", "--skip=cleanup/apt/cache", "--quiet",
         SUITE, partial, MIRROR])
    os.replace(partial, path)
    return path


def unpack(tarball, tree):
    """A fresh tree from the tarball (any old one at that path is removed first)."""
    remove_tree(tree)
    os.makedirs(tree)
    run(["tar", "-C", tree, "-xf", tarball], quiet=True)
    return tree


def remove_tree(tree):
    """Deletes a tree; never follows into anything mounted below it."""
    if not os.path.exists(tree):
        return
    mounts = [line.split()[4] for line in open("/proc/self/mountinfo")]
    inside = [m for m in mounts if m == tree or m.startswith(tree.rstrip("/") + "/")]
    if inside:
        raise AssertionError(f"refusing to delete {tree}: mounted below it: {inside}")
    run(["rm", "-rf", "--one-file-system", tree], quiet=True)


def chroot(tree, command, check=True, quiet=False):
    """Runs a shell command in the tree (non-interactive apt/dpkg, no service starts)."""
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive",
           "LC_ALL": "C.UTF-8", "HOME": "/root"}
    return run(["chroot", tree, "/bin/sh", "-c", command], check=check, env=env, quiet=quiet)


def etc_snapshot(tree):
    """path -> what it is (file digest, link target, or directory) for everything in /etc."""
    snap = {}
    etc = os.path.join(tree, "etc")
    for root, dirs, files in os.walk(etc):
        for name in dirs + files:
            full = os.path.join(root, name)
            rel = "/" + os.path.relpath(full, tree)
            if os.path.islink(full):
                snap[rel] = "-> " + os.readlink(full)
            elif os.path.isdir(full):
                snap[rel] = "dir"
            else:
                with open(full, "rb") as f:
                    snap[rel] = hashlib.sha256(f.read()).hexdigest()
    return snap


def etc_changes(before, after):
    """Sorted list of paths added, removed or changed between two snapshots."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
