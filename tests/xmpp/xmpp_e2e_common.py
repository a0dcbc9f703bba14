# Helpers for the xmpp end-to-end tests: a user's private account file and starting talk.
import os
import shlex

from private_prosody import DOMAIN


def account_home(lab, base, user, port, password):
    """XDG_CONFIG_HOME for `user`, holding talk/xmpp (theirs, mode 600)."""
    owner = lab.user(user)
    home = f"{base}/{user}"
    os.makedirs(f"{home}/talk")
    path = f"{home}/talk/xmpp"
    with open(path, "w") as f:
        f.write(f"jid = {user}@{DOMAIN}\npassword = {password}\n"
                f"server = 127.0.0.1\nport = {port}\ntls = unverified\n")
    os.chmod(path, 0o600)
    for p in (home, f"{home}/talk", path):
        os.chown(p, owner.uid, owner.gid)
    return home


def start_talk(term, client, config_home, peer):
    command = " ".join(shlex.quote(w) for w in client.command(f"xmpp:{peer}@{DOMAIN}"))
    term.type_line(f"XDG_CONFIG_HOME={config_home} {command}; "
                   'echo "[client exited with status $?]"')
