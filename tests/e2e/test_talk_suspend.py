#!/usr/bin/env python3
"""End-to-end: the suspend key (^Z) in a conversation hands the terminal back to the shell, which
reports the job stopped; text the other user types meanwhile is shown after `fg`, and the
conversation goes on both ways."""

import re
import shlex

from talk_e2e_common import DAEMON, is_split, th

STOPPED = re.compile(r"Stopped")
AWAY = "typed while you were away"


class ShellJob(th.Conversation):
    """The caller's talk runs as a plain job of its shell (no command after it), so that the
    shell's job control can stop and resume it."""

    def start_client(self, term, client, *args):
        if term is not self.caller:
            super().start_client(term, client, *args)
            return
        term.type_line(" ".join(shlex.quote(word) for word in client.command(*args)))


def test(lab):
    lab.start_daemon(th.daemon(DAEMON))
    conv = ShellJob(lab, th.client("talk-ng"), th.client("talk-ng"))
    conv.open_terminals()
    conv.ring()
    conv.answer()
    conv.wait_connected()
    caller, callee = conv.caller, conv.callee
    conv.say(caller, callee, th.ASCII_LINES[0])

    caller.press("C-z")
    caller.wait_for(STOPPED, describe="the shell reporting the talk job stopped")
    caller.wait_for(lambda s: not is_split(s), describe="the shell's screen, not talk's")
    callee.type_line(AWAY)
    callee.wait_for(lambda part: part.has_row(AWAY), region="own")

    caller.type_line("fg")
    caller.wait_for(lambda s: is_split(s) and s.own_half().has_row(th.ASCII_LINES[0]) and
                    s.peer_half().has_row(AWAY),
                    describe="talk's screen again, with the text typed while it was stopped")
    conv.say(caller, callee, "and back again")
    conv.say(callee, caller, th.ASCII_LINES[1])

    callee.press("C-c")
    assert conv.wait_client_exit(callee) == 0
    caller.wait_for(re.compile(r"Connection closed"), region="history")
    caller.press("q")
    caller.type_line('echo "[talk ended with status $?]"')
    caller.wait_for("[talk ended with status 0]", region="history")


th.run(test, timeout=90, prepare=th.require_peers)
