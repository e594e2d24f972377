"""Datelines ('Washington, December 30 – ...', 'MOSCOW, Dec. 30 (Reuters) -') at the start of an article,
and the weekday the lead names for the dateline's day."""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.dating.days import MONTHS, WEEKDAYS

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NOT_DATE = rf"(?!(?:{_WEEKDAY}|{_MONTH})\b)"
_PLACE = (rf"(?P<place>{_NOT_DATE}[A-Z][\w'.\-]*(?:[ \-]{_NOT_DATE}[A-Z][\w'.\-]*){{0,3}}"
          rf"(?:,\s*{_NOT_DATE}[A-Z][\w.]*(?:\s{_NOT_DATE}[A-Z][\w.]*){{0,2}})?)")
_DATE = (rf"(?:(?P<weekday>{_WEEKDAY}),?\s+)?"
         rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
         rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH})\.?)"
         r"(?:,?\s+(?P<year>(?:19|20)\d\d))?")
_AGENCY = r"(?:\s*\([A-Za-z/ .\-]{2,30}\)|\s*/[A-Za-z .\-]{2,20}/)?"
_DASH = r"\s*(?:[–—−]|-{1,2}|:)\s+"
DATELINE = re.compile(rf"(?:{_PLACE},?\s+)?{_DATE}{_AGENCY}{_DASH}")

# words before a weekday that make it another day than the dateline's ('last Friday', 'next Friday')
_OTHER_DAY = re.compile(r"\b(?:last|next|this|coming|previous|following|every|each|since|until|by|before|after|"
                        r"from|through)\s+$", re.I)
_LEAD_WEEKDAY = re.compile(rf"\b(?P<weekday>{_WEEKDAY})(?P<tail>s\b|'s\b|’s\b)?", re.I)
LEAD_CHARS = 900  # how far after the dateline the lead runs, for the weekday that names the dateline's day
SEARCH_CHARS = 1200  # how far into the text a dateline may start (a headline may come first)


@dataclass
class Dateline:
    """A dateline as printed, with its offsets into the clean text and the date parts it gives."""

    text: str
    start: int
    end: int
    month: int
    day: int
    year: int | None = None
    weekday: int | None = None  # Monday = 0, when the dateline itself names it
    place: str | None = None


@dataclass
class LeadWeekday:
    """A weekday named in the lead, taken as the dateline's own day."""

    text: str
    start: int
    end: int
    weekday: int  # Monday = 0


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens one of the first paragraphs of the text, if any."""
    for m in re.finditer(r"(?:^|\n)[ \t]*(?=\S)", text[:SEARCH_CHARS]):
        found = DATELINE.match(text, m.end())
        if found:
            return _dateline(found)
    return None


def _dateline(m: re.Match[str]) -> Dateline | None:
    """A Dateline from a regex match; None when the day cannot exist."""
    month = MONTHS[(m["month"] or m["month2"]).lower().rstrip(".")]
    dom = int(m["day"] or m["day2"])
    if not 1 <= dom <= 31:
        return None
    printed = m.group(0).rstrip(" –—−-:\t")
    return Dateline(text=printed, start=m.start(), end=m.start() + len(printed), month=month, day=dom,
                    year=int(m["year"]) if m["year"] else None,
                    weekday=WEEKDAYS[m["weekday"].lower()] if m["weekday"] else None, place=m["place"])


def lead_weekday(text: str, dateline: Dateline) -> LeadWeekday | None:
    """The weekday the lead names (in the dateline's paragraph and the next ones, up to LEAD_CHARS), when the
    lead names exactly one weekday and not as 'last Friday', 'next Friday' or 'Fridays'."""
    window_end = dateline.end + LEAD_CHARS
    seen: list[LeadWeekday] = []
    for m in _LEAD_WEEKDAY.finditer(text, dateline.end, window_end):
        if m["tail"] and m["tail"].lower() == "s":  # 'Fridays': a set, not a day
            return None
        if _OTHER_DAY.search(text[max(0, m.start() - 12):m.start()]):
            return None
        seen.append(LeadWeekday(text=m["weekday"], start=m.start(), end=m.end(),
                                weekday=WEEKDAYS[m["weekday"].lower()]))
    if not seen or len({w.weekday for w in seen}) != 1:
        return None
    return seen[0]
