"""Quote-mark scanning: the stretches of text between opening and closing quotation marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.quotes.lexicon import CLOSING, OPENING, STRAIGHT


@dataclass
class Segment:
    """A quoted stretch: the offsets of its marks and of its content (without the marks)."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the paragraph ends first
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark, or the paragraph end)

    @property
    def outer_end(self) -> int:
        """The offset just after the closing mark (or the content end when unclosed)."""
        return self.close + 1 if self.close is not None else self.end


_MARK = re.compile("''|``|[" + re.escape(OPENING + CLOSING) + "]")


def _paragraph_segments(text: str, lo: int, hi: int) -> list[Segment]:
    """The quoted stretches of one paragraph text[lo:hi]: straight marks alternate, curly marks pair.

    Two apostrophes ('') or backquotes (``) written for a double quote count as one mark."""
    out: list[Segment] = []
    opened: tuple[int, int] | None = None  # (offset, length) of the open mark
    for m in _MARK.finditer(text, lo, hi):
        mark, i = m.group(), m.start()
        straight = mark in (STRAIGHT, "''", "``")
        if opened is None:
            if mark in OPENING or mark in ("''", "``"):
                opened = (i, len(mark))
        elif mark in CLOSING or mark == "''":
            out.append(Segment(opened[0], i, opened[0] + opened[1], i))
            opened = None
        elif not straight:  # a new curly quote opens: the last one was never closed
            out.append(Segment(opened[0], None, opened[0] + opened[1], i))
            opened = (i, len(mark))
    if opened is not None:
        end = hi
        while end > opened[0] + opened[1] and text[end - 1].isspace():
            end -= 1
        out.append(Segment(opened[0], None, opened[0] + opened[1], end))
    return out


def segments(text: str) -> list[Segment]:
    """Every quoted stretch of the text, paragraph by paragraph (a quote never spans a paragraph unclosed)."""
    out: list[Segment] = []
    lo = 0
    for line in text.split("\n"):
        hi = lo + len(line)
        if line.strip():
            out.extend(s for s in _paragraph_segments(text, lo, hi) if s.end > s.start)
        lo = hi + 1
    return out


def _unbalanced(text: str) -> tuple[bool, bool]:
    """Whether a span has an opening mark never closed, and a closing mark never opened."""
    curly_open = sum(text.count(c) for c in "“„«")
    curly_close = sum(text.count(c) for c in "”»")
    straight_odd = (text.count(STRAIGHT) + text.count("''")) % 2 == 1
    return curly_open > curly_close or straight_odd, curly_close > curly_open or straight_odd


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, trailing commas, colons or dashes, and quote marks left unpaired."""
    edge = ",;:—–-"
    while True:
        s0, e0 = start, end
        while start < end and (text[start].isspace() or text[start] in edge):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in edge):
            end -= 1
        opens, closes = _unbalanced(text[start:end])
        if opens and start < end and text[start] in OPENING + "'`":
            start += 2 if text[start:start + 2] in ("''", "``") else 1
        if closes and end > start and text[end - 1] in CLOSING + "'":
            end -= 2 if text[end - 2:end] == "''" else 1
        if (start, end) == (s0, e0):
            return start, end
