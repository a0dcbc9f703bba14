#!/usr/bin/env python3
"""One cell of the interop matrix: ring, answer as told, exchange text both ways, hang up.

Usage: run_cell.py daemon=X.caller=Y.callee=Z   (cells and skips: tests/interop/cells.py)
"""

import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "harness"))
import cells  # noqa: E402
import talkharness as th  # noqa: E402


def test(lab, daemon_name, caller_name, callee_name):
    daemon = th.daemon(daemon_name)
    caller, callee = th.client(caller_name), th.client(callee_name)
    for program in (daemon, caller, callee):
        if not program.available():
            raise AssertionError(f"{program} is enabled in tests/interop/cells.py but not built "
                                 "or not fetched")
    lab.start_daemon(daemon)
    conv = th.Conversation(lab, caller, callee)
    timings = conv.run(utf8=caller.utf8 and callee.utf8,
                       hang_up_side=cells.hang_up_side(daemon_name, caller_name, callee_name))
    print(f"cell {cells.name(daemon_name, caller_name, callee_name)}: timings (s) {timings}, "
          f"exit statuses {conv.exit_statuses}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    daemon_name, caller_name, callee_name = cells.parse(sys.argv[1])
    reason = cells.skip_reason(daemon_name, caller_name, callee_name)
    if reason:
        th.skip(reason)
    th.run(lambda lab: test(lab, daemon_name, caller_name, callee_name), timeout=60,
           prepare=th.require_peers)


if __name__ == "__main__":
    main()
