#!/usr/bin/env python3
# A scripted XMPP peer without real-time text (slixmpp): logs in, then obeys lines on stdin and
# reports on stdout, one line each:
#   in:  body TEXT | state NAME | show AWAY-ETC | raw XML | quit
#   out: ONLINE | BODY <json text> | STATE <name> | RTT | GONE-SENT | DISCONNECTED
#        | PRESENCE <from bare JID> <type> <show or -> <json status> (from others)
# usage: slixmpp_peer.py JID PASSWORD PORT PEER_JID
import asyncio
import json
import os
import ssl
import sys

import slixmpp


class Peer(slixmpp.ClientXMPP):
    def __init__(self, jid, password, peer):
        super().__init__(jid, password)
        self.peer = peer
        self.pending = b""
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0085")
        self.ssl_context.check_hostname = False
        self.ssl_context.verify_mode = ssl.CERT_NONE
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("chatstate", self.on_state)
        self.add_event_handler("disconnected", lambda _event: self.say("DISCONNECTED"))
        self.add_event_handler("presence", self.on_presence)

    def say(self, line):
        print(line, flush=True)

    async def on_start(self, _event):
        self.send_presence()
        self.loop.add_reader(sys.stdin.fileno(), self.on_command)
        self.say("ONLINE")

    def on_message(self, msg):
        if msg["body"]:
            self.say("BODY " + json.dumps(msg["body"]))
        if msg.xml.find("{urn:xmpp:rtt:0}rtt") is not None:
            self.say("RTT")

    def on_presence(self, pres):
        if pres["from"].bare == self.boundjid.bare:
            return
        self.say(f"PRESENCE {pres['from'].bare} {pres['type']} {pres['show'] or '-'} "
                 + json.dumps(pres["status"]))

    def on_state(self, msg):
        self.say("STATE " + msg["chat_state"])

    def on_command(self):
        # Reads what the pipe holds and obeys every whole line in it. (sys.stdin.readline()
        # would leave the lines after the first in Python's buffer, where no reader callback
        # ever sees them: long lines made that lose commands.)
        chunk = os.read(sys.stdin.fileno(), 1 << 20)
        if not chunk:
            self.loop.remove_reader(sys.stdin.fileno())
            self.disconnect()
            return
        self.pending += chunk
        while b"\n" in self.pending:
            line, _, self.pending = self.pending.partition(b"\n")
            self.obey(line.decode())

    def obey(self, line):
        verb, _, arg = line.partition(" ")
        if verb == "body":
            self.send_message(mto=self.peer, mbody=json.loads(arg), mtype="chat")
        elif verb == "state":
            msg = self.make_message(mto=self.peer, mtype="chat")
            msg["chat_state"] = arg
            msg.send()
        elif verb == "show":
            self.send_presence(pshow=arg)
        elif verb == "raw":
            self.send_raw(json.loads(arg))
        elif verb == "quit":
            msg = self.make_message(mto=self.peer, mtype="chat")
            msg["chat_state"] = "gone"
            msg.send()
            self.say("GONE-SENT")
            self.disconnect()

def main():
    jid, password, port, peer = sys.argv[1:5]
    xmpp = Peer(jid, password, peer)
    xmpp.connect(address=("127.0.0.1", int(port)))
    xmpp.loop.run_until_complete(xmpp.disconnected)


if __name__ == "__main__":
    main()
