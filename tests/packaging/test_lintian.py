"""lintian on talk-ng's debs (the .changes of packaging/build-debs): no error, no warning.
Overrides live in debian/*.lintian-overrides, each with its reason. Skips (77) without lintian."""

import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debtree as dt  # noqa: E402


def main():
    dt.require(tools=("lintian", "dpkg-buildpackage"), archive=False, root=False)
    timer = dt.Timer()
    with timer.step("build the debs (cached)"):
        dt.build_debs()
    changes = glob.glob(os.path.join(dt.debs_dir(), "*.changes"))
    assert len(changes) == 1, changes
    with timer.step("lintian"):
        output = dt.run(["lintian", "--fail-on", "error,warning", "--display-info",
                         "--show-overrides", changes[0]], check=False)
    timer.summary()
    bad = [line for line in output.splitlines() if line[:2] in ("E:", "W:")]
    if bad:
        print("lintian errors/warnings:", *bad, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
