#!/usr/bin/env python3
"""End-to-end: two talk-ng clients exchange ASCII and UTF-8 text ("héllo wörld — ✓ 日本語") both
ways through real terminals, then the caller hangs up and both exit 0."""

from talk_e2e_common import assert_split, connected_pair, th


def test(lab):
    conv = connected_pair(lab)
    for term in (conv.caller, conv.callee):
        assert_split(term)
    conv.exchange(utf8=True)
    # Erasing a double-width character and a multibyte one takes one erase each, on both screens.
    conv.caller.type("abc日é")
    conv.callee.wait_for("abc日é", region="peer")
    conv.caller.press("BSpace", "BSpace")
    conv.caller.type("!")
    conv.callee.wait_for(lambda s: s.peer_half().contains("abc!") and
                         not s.peer_half().contains("abc日"), describe="abc! after two erases")
    conv.caller.wait_for("abc!", region="own")
    conv.hang_up("caller")
    assert conv.exit_statuses == {"caller": 0, "callee": 0}, conv.exit_statuses


th.run(test, timeout=90, prepare=th.require_peers)
