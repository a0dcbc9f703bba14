#!/usr/bin/env python3
"""xmpp end-to-end with a real user-facing client: Debian's profanity (a terminal XMPP client)
as bob, in its own terminal with private XDG directories, set up through its own /account
commands (TLS with the test server's self-signed certificate trusted). tkalice runs
`talk xmpp:bob@localhost`: profanity shows the ring, bob answers with /msg and his line shows in
talk's lower half, tkalice's line arrives in profanity's chat window, and bob typing his reply shows
as "your party is typing" before the line itself arrives."""

import os
import shutil
import tempfile

import talkharness as th
from private_prosody import DOMAIN, PrivateProsody, available
from xmpp_e2e_common import account_home, start_talk

ALICE_JID = f"{th.ALICE}@{DOMAIN}"
BOB_JID = f"bob@{DOMAIN}"


def private_dirs(lab, base, user):
    """XDG config and data dirs for profanity, owned by `user`."""
    owner = lab.user(user)
    dirs = {}
    for kind in ("config", "data"):
        path = f"{base}/profanity-{kind}"
        os.makedirs(path, mode=0o700)
        os.chown(path, owner.uid, owner.gid)
        dirs[kind] = path
    return dirs


def showing(text):
    """A wait_for predicate: `text` shows, though profanity may wrap it over rows."""
    wanted = "".join(text.split())
    return lambda screen: wanted in "".join(screen.text.split())


def test(lab):
    if not available():
        raise th.Skip("prosody is not installed (apt-get install prosody)")
    if not shutil.which("profanity"):
        raise th.Skip("profanity is not installed (apt-get install profanity)")
    accounts = {th.ALICE: "alice-pw", "bob": "bob-pw"}
    with PrivateProsody(accounts) as prosody, tempfile.TemporaryDirectory() as base:
        os.chmod(base, 0o755)
        home = account_home(lab, base, th.ALICE, prosody.port, "alice-pw")
        dirs = private_dirs(lab, base, th.BOB)
        bob = lab.terminal(th.BOB, name="profanity")
        bob.wait_for("$", describe="shell prompt")
        bob.type_line(f"XDG_CONFIG_HOME={dirs['config']} XDG_DATA_HOME={dirs['data']} "
                      f"exec profanity")
        bob.wait_for("Profanity", describe="profanity's start")
        for command in ("/account add bob", f"/account set bob jid {BOB_JID}",
                        "/account set bob server 127.0.0.1",
                        f"/account set bob port {prosody.port}",
                        "/account set bob password bob-pw", "/account set bob tls trust",
                        "/roster hide", "/connect bob"):
            bob.type_line(command)
        bob.wait_for(showing("logged in successfully"), timeout=20, describe="profanity's login")

        client = lab.reachable(th.client("talk-ng"))
        conv = th.Conversation(lab, client, client)
        alice = lab.terminal(th.ALICE, name="alice")
        alice.wait_for("$", describe="shell prompt")
        start_talk(alice, client, home, "bob")
        alice.wait_for("Waiting for your party to respond")
        bob.type_line("/win 2")
        bob.wait_for(showing("wants to talk with you"), timeout=20, describe="the ring in profanity")

        bob.type_line(f"/msg {ALICE_JID} hello from profanity")
        alice.wait_for("Connection established")
        alice.wait_for("hello from profanity", region="peer")

        alice.type("hi profanity user")
        alice.press("Enter")
        bob.wait_for(showing("hi profanity user"), describe="tkalice's line in profanity")
        bob.type("second line")
        alice.wait_for("your party is typing", describe="profanity's composing state")
        bob.type_line(" from bob")
        alice.wait_for("second line from bob", region="peer")

        alice.press("C-c")
        assert conv.wait_client_exit(alice) == 0, alice.history().text
        bob.type_line("/quit")
        # profanity writes its logs and settings as it quits: the private directories go only
        # after it has exited.
        bob.wait_for(lambda _screen: bob.exit_status() is not None, describe="profanity to exit")


th.run(test, timeout=170)
