#!/usr/bin/env python3
# Runs a command next to a private prosody (private_prosody.py) with the accounts alice and bob;
# the command gets TALK_XMPP_PORT, TALK_XMPP_DOMAIN and TALK_XMPP_<USER>_PASSWORD in its
# environment. prosody is stopped at the end, even on failure. Exits 77 (skipped) when prosody
# is not installed.
import os
import subprocess
import sys

from private_prosody import DOMAIN, PrivateProsody, available

ACCOUNTS = {"alice": "alice-secret", "bob": "bob-secret"}


def main():
    if "--" not in sys.argv:
        print("usage: prosody_fixture.py -- command...", file=sys.stderr)
        return 2
    command = sys.argv[sys.argv.index("--") + 1:]
    if not available():
        print("prosody_fixture: SKIP: prosody or openssl is not installed (apt-get install prosody)")
        return 77
    with PrivateProsody(ACCOUNTS) as prosody:
        env = dict(os.environ, TALK_XMPP_PORT=str(prosody.port), TALK_XMPP_DOMAIN=DOMAIN,
                   TALK_XMPP_DIR=prosody.dir)
        for user, password in ACCOUNTS.items():
            env[f"TALK_XMPP_{user.upper()}_PASSWORD"] = password
        result = subprocess.run(command, env=env, timeout=600)
        if result.returncode not in (0, 77):
            print("prosody_fixture: the test failed; prosody's log (end):")
            print(prosody.log_tail())
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
