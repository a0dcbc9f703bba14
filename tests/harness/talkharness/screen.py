"""A snapshot of what a terminal shows (tmux capture-pane), with the talk split-screen halves."""

import re


class Screen:
    """The visible rows of a terminal, trailing spaces removed.

    talk's layout (BSD, netkit, inetutils, talk-ng): your own text in rows 0 .. height/2-1, a
    separator in row height/2, your party's text below it.
    """

    def __init__(self, rows, width=80, height=24):
        self.rows = [r.rstrip() for r in rows] + [""] * max(0, height - len(rows))
        self.width = width
        self.height = height

    @property
    def text(self):
        return "\n".join(self.rows)

    def contains(self, needle):
        """True when `needle` (a str) is inside one row, or `needle` (a compiled regex) matches."""
        if isinstance(needle, re.Pattern):
            return needle.search(self.text) is not None
        return any(needle in row for row in self.rows) or needle in self.text

    def has_row(self, text):
        """True when some row reads exactly `text` (trailing spaces aside)."""
        return text.rstrip() in self.rows

    def search(self, pattern):
        """The first re.Match of `pattern` (str regex or compiled) in the text, or None."""
        return re.search(pattern, self.text)

    def region(self, first, last):
        """A Screen of rows first..last-1 (same width; height = number of rows)."""
        rows = self.rows[first:last]
        return Screen(rows, self.width, len(rows))

    def own_half(self):
        """The upper half: what this terminal's user typed (and talk's status line)."""
        return self.region(0, self.height // 2)

    def separator(self):
        """The row between the halves."""
        return self.rows[self.height // 2]

    def peer_half(self):
        """The lower half: what the other party typed."""
        return self.region(self.height // 2 + 1, self.height)

    def is_split(self):
        """True when the separator row is mostly a horizontal line (-, ─, or ACS 'q' as tmux
        captures it), i.e. talk's layout; a status text may sit in it."""
        sep = self.separator()
        return sum(sep.count(c) for c in "-─q") >= self.width // 2

    def framed(self, title=""):
        """The screen with row numbers and a frame, for failure reports."""
        bar = "+" + "-" * self.width + "+"
        out = [f"{title}".rstrip(), "   " + bar]
        out += [f"{i:2d} |{row.ljust(self.width)}|" for i, row in enumerate(self.rows)]
        out.append("   " + bar)
        return "\n".join(out)

    def __str__(self):
        return self.text
