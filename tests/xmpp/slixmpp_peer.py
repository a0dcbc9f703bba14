#!/usr/bin/env python3
# A scripted XMPP peer without real-time text (slixmpp): logs in, then obeys lines on stdin and
# reports on stdout, one line each:
#   in:  body TEXT | state NAME | raw XML | quit
#   out: ONLINE | BODY <json text> | STATE <name> | RTT | GONE-SENT
#        | PRESENCE <from bare JID> <type> <show or -> <json status> (from others)
# usage: slixmpp_peer.py JID PASSWORD PORT PEER_JID
import asyncio
import json
import ssl
import sys

import slixmpp


class Peer(slixmpp.ClientXMPP):
    def __init__(self, jid, password, peer):
        super().__init__(jid, password)
        self.peer = peer
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0085")
        self.ssl_context.check_hostname = False
        self.ssl_context.verify_mode = ssl.CERT_NONE
        self.add_event_handler("session_start", self.on_start)
        self.add_event_handler("message", self.on_message)
        self.add_event_handler("chatstate", self.on_state)
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
        line = sys.stdin.readline()
        if not line:
            self.disconnect()
            return
        verb, _, arg = line.rstrip("\n").partition(" ")
        if verb == "body":
            self.send_message(mto=self.peer, mbody=json.loads(arg), mtype="chat")
        elif verb == "state":
            msg = self.make_message(mto=self.peer, mtype="chat")
            msg["chat_state"] = arg
            msg.send()
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
