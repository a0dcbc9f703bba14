"""The interop matrix: every cell, and the explicit reason for each cell that is skipped.

A cell is daemon x (caller client, callee client) with talk-ng in at least one of the three
roles: 27 - 8 = 19 cells, plus the utalk cells: utalk as the callee of a talk-ng caller (through
talk-ng's and netkit's talkd) and as the caller of a talk-ng callee. To turn cells on, set a
component's line in NOT_READY to None (or delete a CELL_SKIPS entry); nothing else changes.

utalk as the caller meets an old-protocol (otalk, UDP 517) daemon only: Debian's utalk 1.0.2
aborts ("buffer overflow detected") whenever it must send an ntalk (518) ANNOUNCE, because it
writes '!' plus the 8-byte name into the 8-byte l_name field, which its FORTIFY build catches. A
utalk caller therefore only ever rings through an old-protocol daemon, so those cells run one
(daemon=talk-ng-otalk: talk-ng's talkd serving 517 alone).
"""

PROGRAMS = ("talk-ng", "netkit", "inetutils")

# One line per talk-ng program: None when it is ready, else why the cells that use it are skipped.
NOT_READY = {
    "talk": None,
    "talkd": None,
}

# Cells skipped whatever the programs' state, by cell name.
CELL_SKIPS = {}

# The cells with utalk in them (run_cell.py drives them with utalk's screen in mind).
UTALK_CELLS = [
    ("talk-ng", "talk-ng", "utalk"),
    ("netkit", "talk-ng", "utalk"),
    ("talk-ng-otalk", "utalk", "talk-ng"),
    ("netkit-otalk", "utalk", "talk-ng"),
]


def name(daemon, caller, callee):
    return f"daemon={daemon}.caller={caller}.callee={callee}"


def cells():
    """[(daemon, caller, callee)] in a fixed order: the 19 cells, then the utalk cells."""
    out = [(d, a, b) for d in PROGRAMS for a in PROGRAMS for b in PROGRAMS
           if "talk-ng" in (d, a, b)]
    return out + UTALK_CELLS


def parse(cell_name):
    """(daemon, caller, callee) of "daemon=X.caller=Y.callee=Z"; ValueError when malformed."""
    fields = dict(part.split("=", 1) for part in cell_name.split("."))
    cell = (fields["daemon"], fields["caller"], fields["callee"])
    if cell not in cells():
        raise ValueError(f"not a cell of the matrix: {cell_name}")
    return cell


def skip_reason(daemon, caller, callee):
    """None when the cell runs, else the reason it is skipped."""
    cell_name = name(daemon, caller, callee)
    if cell_name in CELL_SKIPS:
        return CELL_SKIPS[cell_name]
    reasons = []
    if "talk-ng" in (caller, callee) and NOT_READY["talk"]:
        reasons.append(NOT_READY["talk"])
    if daemon == "talk-ng" and NOT_READY["talkd"]:
        reasons.append(NOT_READY["talkd"])
    return "; ".join(reasons) or None


def hang_up_side(daemon, caller, callee):
    """Which side presses Ctrl-C: alternates along the matrix so both directions are covered."""
    return "caller" if cells().index((daemon, caller, callee)) % 2 == 0 else "callee"


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--list"]:
        print(";".join(name(*c) for c in cells()))
    else:
        for cell in cells():
            print(f"{name(*cell):50s} {skip_reason(*cell) or 'runs'}")
