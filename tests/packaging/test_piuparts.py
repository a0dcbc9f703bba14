"""piuparts on talk-ng's debs: usage test_piuparts.py install|replace.

install: install and purge on a minimal Debian 12 (the cached mmdebstrap tarball).
replace: the same with netkit's talk, talkd and openbsd-inetd installed first
(--extra-old-packages), so talk-ng-talkd must replace talkd cleanly.
Needs root, piuparts and Debian's archive (piuparts runs apt in its chroot); else skips (77)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debtree as dt  # noqa: E402


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in ("install", "replace"):
        raise SystemExit("usage: test_piuparts.py install|replace")
    dt.require(tools=("piuparts", "mmdebstrap", "dpkg-buildpackage"))
    timer = dt.Timer()
    with timer.step("build the debs (cached)"):
        debs = dt.build_debs()
    with timer.step("base tarball (cached)"):
        base = dt.base_tarball("plain")
    argv = ["piuparts", "--basetgz", base, "--distribution", dt.SUITE, "--mirror", dt.MIRROR,
            "--no-upgrade-test", "--warn-on-others"]
    if mode == "replace":
        argv.append("--extra-old-packages=talk,talkd,openbsd-inetd")
    log = os.path.join(dt.build_dir(), "debs", f"piuparts-{mode}.log")
    with timer.step(f"piuparts ({mode})"):
        output = dt.run(argv + ["--log-file", log, *debs], check=False, quiet=True)
    timer.summary()
    summary = [line for line in output.splitlines()
               if " PASS:" in line or " FAIL:" in line or "ERROR" in line or " WARN" in line]
    print("\n".join(summary) or output[-3000:])
    print(f"(full log: {log})")
    passed = any(" PASS:" in line for line in summary) and not any(
        " FAIL:" in line or "ERROR" in line for line in summary)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
