"""Datelines ('Washington, December 30 – ...', 'MOSCOW, Dec. 30 (Reuters) -') at the start of an article, the
weekday the lead names for the dateline's day, the publication stamp printed near the top ('Mon Mar 2, 2009
4:23 pm EST'), and where reader comments begin.

A line that opens with a date is not always a dateline: a list of dated bullets ('10 April : Government must
withdraw ...'), a photo caption ('June 16: A drilling rig ...') or a diary entry is not the article's own date.
A dateline either names a place ('BEIJING, Dec. 30 -') or, without one, opens the article with a dash; it stands
before the body's first sentence; and no other line of the text opens with a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyline import lang

MONTHS = lang.numbered("month")
WEEKDAYS = lang.full_names("weekday")  # ISO: Monday 1 .. Sunday 7
_MONTH = "(?:" + "|".join(m.capitalize() for m in sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?:" + "|".join(w.capitalize() for w in WEEKDAYS) + ")"
_NOT_DATE = rf"(?!(?:{_WEEKDAY}|{_MONTH})\b)"
_COMMA = r"\s*,"  # tokenized text puts a space before the comma ('WASHINGTON , May 3')
_PLACE = (rf"(?P<place>{_NOT_DATE}[A-Z][\w'.\-]*(?:[ \-/\\]{{1,2}}{_NOT_DATE}[A-Z][\w'.\-]*){{0,3}}"
          rf"(?:{_COMMA}\s*{_NOT_DATE}[A-Z][\w.]*(?:\s{_NOT_DATE}[A-Z][\w.]*){{0,2}})?)")
_DATE = (rf"(?:(?P<weekday>{_WEEKDAY})(?:{_COMMA})?\s+)?"
         rf"(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
         rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH})\.?)"
         rf"(?:(?:{_COMMA})?\s+(?P<year>(?:19|20)\d\d))?")
_AGENCY = r"(?:\s*\([A-Za-z/ .\-]{2,30}\)|\s*-LRB-\s*[A-Za-z/ .\-]{2,30}?\s*-RRB-|\s*/[A-Za-z .\-]{2,20}/)?"
_DASH = r"(?P<dash>\s*(?:[–—−]|-{1,2}|:)\s+)"
DATELINE = re.compile(rf"(?:{_PLACE}(?:{_COMMA})?\s+)?{_DATE}{_AGENCY}{_DASH}")
# a line that opens with a day and month (a dateline, a dated bullet, a caption): counted to tell lists apart
_OPENS_WITH_DATE = re.compile(rf"^[ \t]*(?:[-*•·–]\s*)?(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\.?\s+\d{{1,2}}\b|\d{{1,2}}"
                              rf"(?:st|nd|rd|th)?\s+{_MONTH}\b)", re.M)
_SENTENCE_END = re.compile(r"\w\s?[.!?]['\"”’]?\s*$")
BODY_WORDS = 10  # a line of this many words that ends a sentence is the article's body

# words before a weekday that make it another day than the dateline's ('last Friday', 'next Friday')
_OTHER_DAY = re.compile(r"\b(?:last|next|this|coming|previous|following|every|each|since|until|by|before|after|"
                        r"from|through)\s+$", re.I)
_LEAD_WEEKDAY = re.compile(rf"\b(?P<weekday>{_WEEKDAY})(?P<tail>s\b|'s\b|’s\b)?", re.I)
LEAD_CHARS = 900  # how far after the dateline the lead runs, for the weekday that names the dateline's day
SEARCH_CHARS = 1200  # how far into the text a dateline may start (a headline may come first)

# A publication stamp: a date with its year and a clock time ('Mon Mar 2 , 2009 4:23 pm EST', 'Thursday 6 May
# 2010 19.41 BST'), or a date after a 'Published' / 'Last updated' label, near the top of the text.
_ANY_MONTH = "(?:" + "|".join(sorted(n for n in MONTHS if len(n) <= 4)) + ")[a-z]*"  # any name, by its start
_ANY_WEEKDAY = "(?:" + "|".join(sorted(n for n in lang.numbered("weekday") if len(n) <= 5)) + ")[a-z]*"
_STAMP_DATE = (rf"(?:(?P<sw>{_ANY_WEEKDAY})\.?\s*,?\s+)?"
               rf"(?:(?P<sm>{_ANY_MONTH})\.?\s+(?P<sd>\d{{1,2}})(?:st|nd|rd|th)?|(?P<sd2>\d{{1,2}})(?:st|nd|rd|th)?"
               rf"\s+(?P<sm2>{_ANY_MONTH})\.?)\s*,?\s+(?P<sy>(?:19|20)\d\d)")
_CLOCK = r"\s*[,;|\-–]?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:[:.]\d\d)?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?"
_STAMP_LABEL = r"(?P<label>(?:last\s+)?(?:updated|modified|revised|published|posted|first\s+published)(?:\s+on)?\s*:?\s*)"
STAMP = re.compile(rf"(?i:{_STAMP_LABEL}?{_STAMP_DATE}(?P<clock>{_CLOCK})?)")
STAMP_CHARS = 800  # how far into the text a publication stamp may stand
_UPDATED = re.compile(r"(?i)updated|modified|revised")
# a word right before a date that puts it inside a sentence ('struck on Tuesday, January 12, 2010 at 4:53 p.m.')
_IN_SENTENCE = re.compile(r"(?i)\b(?:on|at|in|of|since|until|till|from|before|after|during|and|or|than|that|when|"
                          r"while|by|to|between|struck|began|begun|ended|happened|occurred)\s*,?\s*$")

# Where reader comments begin: 'NAME wrote:', 'At 15:38 20th Jan 2012, NAME wrote', 'March 26, 2011 at 6:14 pm |',
# a 'Reply' or 'Report abuse' line, or a heading such as 'Comments' / 'Leave a Reply' on a line of its own.
_COMMENT_HEAD = re.compile(
    r"(?im)^[ \t]*(?:(?:comments?|reader\s+comments|\d+\s+comments?|leave\s+a\s+(?:reply|comment)|add\s+(?:your|a)"
    r"\s+comment|post\s+a\s+comment|have\s+your\s+say|join\s+the\s+discussion|reply|report\s+abuse)[ \t]*:?[ \t]*$"
    r"|[\w .'’-]{1,40}\s+wrote\s*:"
    rf"|{_STAMP_DATE}\s+at\s+\d{{1,2}}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*\|)")
# ... and 'At 15:38 20th Jan 2012, BluesBerry wrote:' wherever it stands (a page flattened to one line per paragraph)
_COMMENT_ANYWHERE = re.compile(r"(?i)\bat\s+\d{1,2}[:.]\d\d\s+[^,\n]{3,30}?\s*,\s*[^,\n]{2,40}?\s+wrote\b")
COMMENTS_AFTER = 0.25  # comments are looked for after this share of the text (a 'Comments' link may top the page)


@dataclass
class Dateline:
    """A dateline as printed, with its offsets into the clean text and the date parts it gives."""

    text: str
    start: int
    end: int
    month: int
    day: int
    year: int | None = None
    weekday: int | None = None  # ISO (Monday 1), when the dateline itself names it
    place: str | None = None


@dataclass
class LeadWeekday:
    """A weekday named in the lead, taken as the dateline's own day."""

    text: str
    start: int
    end: int
    weekday: int  # ISO: Monday 1 .. Sunday 7


@dataclass
class Stamp:
    """A publication (or update) stamp printed near the top of the text."""

    text: str
    start: int
    end: int
    date: dt.date
    role: str  # 'published' | 'updated'


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens one of the first paragraphs of the text, if any (not a bullet, caption or list)."""
    for m in re.finditer(r"(?:^|\n)[ \t]*(?=\S)", text[:SEARCH_CHARS]):
        found = DATELINE.match(text, m.end())
        if found and _is_dateline(found, text):
            return _dateline(found)
        end = text.find("\n", m.end())
        if _is_body(text[m.end():end if end >= 0 else len(text)]):
            return None  # the body has begun: a date further down opens a quoted story or a list, not the article
    return None


def _is_body(line: str) -> bool:
    """Whether a line is a sentence of the article's body (ten words or more, ending a sentence)."""
    return len(line.split()) >= BODY_WORDS and bool(_SENTENCE_END.search(line))


def _is_dateline(m: re.Match[str], text: str) -> bool:
    """Whether a line opening with a date is a dateline: with a place, or with a dash; and not one of several lines
    that open with a date (a chronology, a list of dated bullets)."""
    if not m["place"] and ":" in m["dash"]:
        return False  # '10 April : Government must withdraw ...', 'June 16: A drilling rig ...'
    return len(_OPENS_WITH_DATE.findall(text)) <= 1 or bool(m["place"] and not _OPENS_WITH_DATE.match(text, m.start()))


def _dateline(m: re.Match[str]) -> Dateline | None:
    """A Dateline from a regex match; None when the day cannot exist."""
    month = MONTHS[(m["month"] or m["month2"]).lower().rstrip(".")]
    dom = int(m["day"] or m["day2"])
    if not 1 <= dom <= 31:
        return None
    printed = m.group(0)[:m.start("dash") - m.start()]
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


def find_stamp(text: str) -> Stamp | None:
    """The first publication stamp near the top of the text (before any reader comment), when its weekday, if
    printed, agrees with its date."""
    limit = min(STAMP_CHARS, comments_start(text) or len(text))
    for m in STAMP.finditer(text, 0, limit):
        day = _stamp_day(m)
        if day is None or not (m["label"] or m["clock"]):
            continue
        if not m["label"] and _IN_SENTENCE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        role = "updated" if m["label"] and _UPDATED.search(m["label"]) else "published"
        return Stamp(text=m.group(0).strip(" ,;|-–"), start=m.start(), end=m.end(), date=day, role=role)
    return None


def _stamp_day(m: re.Match[str]) -> dt.date | None:
    """The day a stamp names; None when it is no real day or its printed weekday disagrees."""
    try:
        month = MONTHS[(m["sm"] or m["sm2"]).lower()[:3]]
        day = dt.date(int(m["sy"]), month, int(m["sd"] or m["sd2"]))
    except (KeyError, ValueError):
        return None
    if m["sw"]:
        weekday = next((i for name, i in WEEKDAYS.items() if name.startswith(m["sw"].lower()[:3])), None)
        if weekday != day.isoweekday():
            return None
    return day


def comments_start(text: str) -> int | None:
    """The offset where reader comments begin, when the text ends with them."""
    after = int(len(text) * COMMENTS_AFTER)
    found = [m.start() for rx in (_COMMENT_HEAD, _COMMENT_ANYWHERE) if (m := rx.search(text, after))]
    return min(found) if found else None
