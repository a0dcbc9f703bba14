#!/usr/bin/env python3
"""xmpp end-to-end: a scripted slixmpp peer (bob) sends tkalice's `talk xmpp:bob@localhost`
hostile stanzas written by hand: real-time text with C1 escape sequences and a bidirectional
override, 100,000-character insertions (ASCII and two-byte), positions and counts past the end or
past 64 bits, a sequence gap, 20,000 actions in one event, deeply nested elements and a
100,000-character message. After each, a harmless stanza must still be applied and shown; no
escape sequence takes effect (the terminal's title stays), talk keeps running and its resident
memory stays bounded (the same hostile round three times grows it by less than 4 MB). Last, a
stanza over prosody's c2s_stanza_size_limit (256 KiB by default): prosody closes the sender's
stream (its log says so), talk shows the peer offline and carries on."""

import json
import os
from xml.sax.saxutils import escape

import talkharness as th
from private_prosody import DOMAIN
from xmpp_e2e_common import talk_calling_scripted_bob

ALICE_JID = f"{th.ALICE}@{DOMAIN}"
RSS_GROWTH_LIMIT_KB = 4 * 1024


def rtt(seq, event, actions):
    return (f"<message to='{ALICE_JID}' type='chat'><rtt xmlns='urn:xmpp:rtt:0' seq='{seq}' "
            f"event='{event}'>{actions}</rtt></message>")


def t(text, position=None):
    at = f" p='{position}'" if position is not None else ""
    return f"<t{at}>{escape(text)}</t>"


def body(text):
    return f"<message to='{ALICE_JID}' type='chat'><body>{escape(text)}</body></message>"


def talk_pid():
    """The talk process (the harness's PID namespace holds only this test's processes)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if os.path.basename(argv[0]) == b"talk" and f"xmpp:bob@{DOMAIN}".encode() in argv:
            return int(entry)
    raise AssertionError("no talk process found")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


class Round:
    """One round of hostile stanzas, each followed by a harmless one that must show."""

    def __init__(self, peer, alice):
        self.peer, self.alice, self.seq = peer, alice, 1000
        self.title = alice._format("#{pane_title}")

    def send(self, xml):
        self.peer.command("raw", json.dumps(xml))

    def shows(self, text, what):
        self.alice.wait_for(text, region="peer", describe=f"{text!r} after {what}", timeout=15)

    def next_seq(self, step=1):
        self.seq += step
        return self.seq

    def run(self, tag):
        # XML cannot carry C0 controls such as ESC, but C1 ones (CSI U+009B, OSC U+009D, ST
        # U+009C) and bidirectional overrides pass.
        self.send(rtt(self.next_seq(), "new",
                      t(f"esc \x9b2J\x9d0;pwned{tag}\x9c \u202ered{tag}")))
        self.shows(f"red{tag}", "C1 escapes")
        screen = self.alice.screen()
        assert screen.contains(f"0;pwned{tag}"), screen.text  # shown as text, not obeyed
        assert self.alice._format("#{pane_title}") == self.title, self.alice._format(
            "#{pane_title}")

        self.send(rtt(self.next_seq(), "edit", t("x" * 100_000)))
        self.send(rtt(self.next_seq(), "reset", t(f"after-huge{tag}")))
        self.shows(f"after-huge{tag}", "a 100,000-character insertion")

        self.send(rtt(self.next_seq(), "edit", t("\u00e9" * 100_000, 0)))
        self.send(rtt(self.next_seq(), "reset", t(f"after-wide{tag}")))
        self.shows(f"after-wide{tag}", "100,000 two-byte characters")

        self.send(rtt(self.next_seq(), "edit",
                      t("P", 4294967296) + "<e p='99999999999999999999' n='4294967295'/>" +
                      t("M", -5) + "<e n='-1'/><e p='x' n='y'/>"))
        self.send(rtt(self.next_seq(), "reset", t(f"past-end{tag}")))
        self.shows(f"past-end{tag}", "positions past the end")

        self.send(rtt(self.next_seq(10), "edit", t(" GAPTEXT")))
        self.send(rtt(self.next_seq(), "edit", t(" MORE-GAP")))
        self.send(rtt(self.next_seq(), "reset", t(f"recovered{tag}")))
        self.shows(f"recovered{tag}", "a sequence gap")
        assert "GAPTEXT" not in self.alice.screen().text, self.alice.screen().text

        self.send(rtt(self.next_seq(), "edit", t("a") * 20_000))
        self.send(rtt(self.next_seq(), "reset", t(f"actions{tag}")))
        self.shows(f"actions{tag}", "20,000 actions in one event")

        nested = "<x xmlns='urn:example:deep'>" * 200 + "</x>" * 200
        self.send(f"<message to='{ALICE_JID}' type='chat'>{nested}"
                  f"<body>deep{tag}</body></message>")
        self.shows(f"deep{tag}", "200 nested elements")

        self.send(body("B" * 100_000))
        self.send(body(f"after-body{tag}"))
        self.shows(f"after-body{tag}", "a 100,000-character message")


def test(lab):
    with talk_calling_scripted_bob(lab) as (prosody, peer, conv, alice):
        try:
            peer.expect(lambda l: l.startswith("BODY "), "the ring message")
            peer.command("state", "active")
            alice.wait_for("Connection established")
            pid = talk_pid()

            before = rss_kb(pid)
            hostile = Round(peer, alice)
            hostile.run("1")
            after_one = rss_kb(pid)
            hostile.run("2")
            hostile.run("3")
            after_three = rss_kb(pid)
            print(f"talk's resident memory: {before} kB before, {after_one} kB after one hostile "
                  f"round, {after_three} kB after three")
            assert after_three - after_one < RSS_GROWTH_LIMIT_KB, (after_one, after_three)
            assert conv.client_status(alice) is None, "talk ended on hostile input"

            # Over prosody's stanza size limit: the server ends the sender's stream.
            hostile.send(body("\u65e5" * 100_000))  # 300,000 bytes of UTF-8
            peer.expect(lambda l: l == "DISCONNECTED", "prosody closing its stream")
            alice.wait_for("Your party is offline", describe="bob's stream closed by prosody")
            log = prosody.log_tail(200_000)
            assert "stanza size" in log.lower() or "policy-violation" in log, log[-3000:]
            assert conv.client_status(alice) is None, "talk ended after the peer was dropped"
            alice.press("C-c")
            assert conv.wait_client_exit(alice) == 0, alice.history().text
        except BaseException:
            print("prosody's log (end):\n" + prosody.log_tail(8000))
            raise


th.run(test, timeout=170)
