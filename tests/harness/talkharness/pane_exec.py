"""Runs in a fresh tmux pane as root: logs the pane's pty in as a user, then execs as them.

Usage: pane_exec.py USER HOME -- COMMAND [ARG...]
The pty gets owner USER, group tty, mode 0620 and a USER_PROCESS utmp record; the process keeps
the pty as its controlling terminal (tmux made it so), which is what talkd and getlogin() need.
"""

import os
import sys

if __package__ in (None, ""):
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from talkharness import users, utmp  # pylint: disable=import-error
else:
    from . import users, utmp


def main(argv):
    name, home, sep, *command = argv
    if sep != "--" or not command:
        print("usage: pane_exec.py USER HOME -- COMMAND [ARG...]", file=sys.stderr)
        return 2
    user = users.User(name)
    tty = os.ttyname(0)
    os.chown(tty, user.uid, users.tty_gid())
    os.chmod(tty, 0o620)
    utmp.login(tty[len("/dev/"):], name, os.getpid())
    try:  # getlogin() prefers the audit login uid when one is set
        with open("/proc/self/loginuid", "w") as f:
            f.write(str(user.uid))
    except OSError:
        pass
    os.makedirs(home, mode=0o700, exist_ok=True)
    os.chown(home, user.uid, user.gid)
    env = {
        "HOME": home, "USER": name, "LOGNAME": name, "SHELL": "/bin/sh",
        "PATH": ":".join(p for p in (os.environ.get("TALKHARNESS_EXTRA_PATH"),
                                     "/usr/local/bin:/usr/bin:/bin") if p),
        "TERM": os.environ.get("TERM", "screen"), "LANG": "C.UTF-8", "PS1": "$ ",
    }
    os.chdir(home)
    users.drop_privileges(user)
    os.execvpe(command[0], command, env)
    return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
