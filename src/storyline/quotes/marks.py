"""Quote-mark scanning: the stretches of text between opening and closing quotation marks."""

from __future__ import annotations

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


def _paragraph_segments(text: str, lo: int, hi: int) -> list[Segment]:
    """The quoted stretches of one paragraph text[lo:hi]: straight marks alternate, curly marks pair."""
    out: list[Segment] = []
    opened: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if opened is None:
            if ch in OPENING:
                opened = i
        elif ch in CLOSING:
            out.append(Segment(opened, i, opened + 1, i))
            opened = None
        elif ch in OPENING and ch != STRAIGHT:  # a new curly quote opens: the last one was never closed
            out.append(Segment(opened, None, opened + 1, i))
            opened = i
    if opened is not None:
        end = hi
        while end > opened + 1 and text[end - 1].isspace():
            end -= 1
        out.append(Segment(opened, None, opened + 1, end))
    return out


def segments(text: str) -> list[Segment]:
    """Every quoted stretch of the text, paragraph by paragraph (a quote never spans a blank line unclosed)."""
    out: list[Segment] = []
    lo = 0
    for line in text.split("\n"):
        hi = lo + len(line)
        if line.strip():
            out.extend(s for s in _paragraph_segments(text, lo, hi) if s.end > s.start)
        lo = hi + 1
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding spaces, quote marks and trailing commas, colons or dashes."""
    while start < end and (text[start].isspace() or text[start] in OPENING + CLOSING + ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in OPENING + CLOSING + ",;:—–-"):
        end -= 1
    return start, end
