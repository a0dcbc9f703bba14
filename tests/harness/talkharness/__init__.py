"""talkharness: hermetic two-user talk sessions on one machine, for talk-ng's tests.

A test is a Python script that calls talkharness.run(test_function). run() re-executes the script
as root inside fresh network + mount + UTS + PID namespaces (`unshare`; exits 77 = skipped when not
root), sets them up, builds a Lab, calls test_function(lab), prints what every terminal showed plus
the daemons' logs and the control traffic when it fails, tears everything down and exits
0 (pass) / 1 (fail) / 77 (skip). Register the script in CTest with SKIP_RETURN_CODE 77.

Inside the namespaces: only `lo` (127.0.0.1) is up, so the real ports 518/517 are ours; hostname
`talklab`; /run is a private tmpfs holding an empty utmp (/var/run/utmp, root:utmp 0664); /etc/hosts
is a private `127.0.0.1 localhost talklab`; /dev is a private tmpfs with the host's basic device
nodes and /dev/pts bound in, and /dev/log is the harness's syslog socket. Nothing of the
machine's utmp, ports or files changes, except that missing throwaway users (tkalice, tkbob,
tkcarol, tkdave) are added with useradd --system. Everything left running dies with the
namespaces' PID 1 (the test process). Daemons name the caller's host differently: talk-ng and
inetutils say tkalice@localhost, Debian's netkit talkd tkalice@127.0.0.1.

Run one by hand (CTest sets both variables itself):
    sudo PYTHONPATH=tests/harness TALK_BUILD_DIR=build/release python3 tests/e2e/test_x.py

Example (tests/e2e/test_example.py):

    import talkharness as th

    def test(lab):
        lab.start_daemon(th.daemon("talk-ng"))        # inetd-style, UDP 518 + 517
        conv = th.Conversation(lab, th.client("talk-ng"), th.client("netkit"))
        conv.open_terminals()                         # tkalice and tkbob at "$ " prompts
        assert conv.ring() == "tkalice@localhost"     # what "respond with:" said
        conv.answer(); conv.wait_connected()
        conv.say(conv.caller, conv.callee, "hi")      # checks both screens
        conv.hang_up("callee")

    th.run(test, timeout=60, prepare=th.require_peers)

API (all waits are bounded; a wait that runs out raises th.StepTimeout with the screen):
  run(test, timeout=90, lab_options=None, prepare=None)
                                     run test(lab) isolated; exits the process 0/1/77.
                                     prepare() runs first, as root, outside the namespaces
                                     (pass prepare=require_peers when the test uses peers).
  Skip(reason)                       raise inside a test to skip it (exit 77).
  skip(reason)                       print + exit 77 (before run(), e.g. a disabled cell).
  client(name) -> Client             "talk-ng" (<build>/src/talk/talk), "netkit", "inetutils",
                                     "utalk"; .path, .utf8, .command(*args), .available().
  daemon(name, extra_args=()) -> Daemon   "talk-ng", "netkit", "inetutils" as Debian's inetd runs
                                     them (see programs.daemon); .services = [Service(port, argv,
                                     user, group)]; you can build your own Daemon/Service too.
  require_peers()                    fetch Debian's peers into <build>/peers if missing.
  build_dir(), peers_dir()           $TALK_BUILD_DIR (CTest sets it) / <build>/peers.
  ALICE, BOB, CAROL, DAVE            "tkalice", "tkbob", "tkcarol", "tkdave".

  Lab (given to the test):
    lab.user(name) -> User           .name .uid .gid (created when missing)
    lab.terminal(user, name=None, command=None, split=None) -> Terminal
                                     a new 80x24 pty logged in as user (owner user, group tty,
                                     0620, USER_PROCESS utmp record, controlling tty), running
                                     command (default /bin/sh with prompt "$ ") as that user.
                                     Several terminals per user are fine (one user on two ttys).
                                     split=<Terminal>: a pane below that one (same window).
    lab.reachable(path|Client|Daemon)  the same, or a copy in the private /run when the throwaway
                                     users or nobody could not execute it where it is (a build
                                     tree in a 0700 home); Conversation and start_daemon use it.
    lab.start_daemon(daemon) -> Launcher   binds 127.0.0.1:<port> per service and starts the
                                     daemon with the socket as fd 0/1 when a datagram waits
                                     (inetd `wait`); .starts(), .exits() (negative = signal),
                                     .running_pids(), .report().
    lab.spawn(argv, user="root", group=None) -> Popen   a background process (e.g. talkd
                                     --foreground --ntalk-port 518); output in report();
                                     killed at teardown.
    lab.capture                      TrafficCapture on lo of UDP 517/518 (decoded CTL_MSG /
                                     CTL_RESPONSE) and TCP (SYN/FIN/RST, data bytes): .lines,
                                     .report().
    lab.syslog                       SyslogCapture of the namespace's /dev/log (a private /dev
                                     holds the host's device nodes): .lines, .wait_for(regex,
                                     timeout=5) -> line or None, .report(). The daemons' logs.
    lab.report() -> str              every screen, daemon log, syslog, utmp, traffic.
    lab.hostname                     "talklab"  (announcements say Talk_Daemon@talklab)

  Terminal:
    .type(text)  .press(*tmux_keys)  .type_line(text)       keystrokes through the pty
    .screen() -> Screen                                     what it shows now
    .history(lines=200) -> Screen                           screen + scrollback
    .resize(width, height)                                  SIGWINCH for the program
    .wait_for(what, timeout=10, region=None|"own"|"peer"|"history", describe=None)
        what = substring | re.compile(...) (returns the Match) | callable(Screen) -> bool
        "history" also searches what scrolled off (texts shown just before a client exits).
    .exit_status()  None while its process runs (tmux remain-on-exit) or until tmux has
                    collected it, else the exit code; -N when signal N killed it.
    .set_mesg(allow)   .mark_active(when=None)   .tty ("/dev/pts/3")  .line ("pts/3")  .user
    .pid  .target (tmux pane id, for lab.tmux.run(...) commands of your own)

  Screen: .rows (list of str) .text .contains(s|regex) .has_row(exact text) .search(regex)
    .own_half() (rows 0..11) .separator() (row 12) .peer_half() (rows 13..23) .is_split()
    .framed(title) .width .height

  Conversation(lab, caller_client, callee_client, caller_user=ALICE, callee_user=BOB,
               step_timeout=10, use_exec=False):
    .open_terminals() .ring(target=None) -> "user@host" .answer() .wait_connected()
    .say(speaker, listener, text): a row must read exactly text on both screens
    .exchange(utf8=None) .hang_up("caller"|"callee")
    .run(utf8=None, hang_up_side="caller") does all of them; .caller/.callee Terminals.
    .start_client(term, client, *args) .client_status(term) -> None|int .wait_client_exit(term)
    Clients run as `<client> <args>; echo "[client exited with status $?]"` from the shell
    (status 130 = ended by SIGINT); the shell keeps the terminal, so a client's final message
    is never lost to the terminal's hang-up. use_exec=True: `exec <client>` (the demo's way).

  control: encode_ctl_msg(type, l_name, r_name, r_tty="", id_num=0, addr=None, ctl_addr=None,
    pid=0, vers=1), pack_addr(ip, port), decode_ctl_response(bytes), describe(bytes),
    request(payload, port=518, timeout=2) -> reply bytes or None; constants LEAVE_INVITE,
    LOOK_UP, DELETE, ANNOUNCE, ANSWERS, TYPES.
  utmp: read_records(), login(line, user, pid), logout(line) on the private /var/run/utmp.
"""

from . import control, utmp
from .conversation import ASCII_LINES, UTF8_LINE, Conversation
from .inetd import Launcher, Service
from .isolation import HarnessError, skip
from .lab import Lab, Skip, run
from .programs import (Client, Daemon, build_dir, client, daemon, fetch_peers, peers_dir,
                       require_peers)
from .screen import Screen
from .terminal import StepTimeout, Terminal
from .users import ALICE, BOB, CAROL, DAVE

__all__ = [
    "ALICE", "ASCII_LINES", "BOB", "CAROL", "Client", "DAVE", "Conversation", "Daemon", "HarnessError",
    "Lab", "Launcher", "Screen", "Service", "Skip", "StepTimeout", "Terminal", "UTF8_LINE",
    "build_dir", "client", "control", "daemon", "fetch_peers", "peers_dir", "require_peers",
    "run", "skip", "utmp",
]
