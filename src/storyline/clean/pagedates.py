"""Dates printed in the page chrome: a line that is only a date (with an optional label such as
'Published:' or 'Updated', a weekday, a time, a short section name), parsed to ISO, with its role.

Roles: 'published' (labelled as such), 'updated', 'rendered' (the day the page was shown: a bare date with
a weekday in the header, or a date beside a weather widget; only an upper bound), 'unknown' (other bare dates).
Datelines ('Washington, December 30 -') are not page dates: they open the article and are left in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storyline import lang

# Month and weekday names (ISO weekdays, Monday 1) and the labels that say what a date is, in every language of
# storyline.lang.LANGUAGES (English, German, French, Spanish, Portuguese, Italian, Dutch).
MONTHS = lang.numbered("month", lang.LANGUAGES)
WEEKDAYS = lang.numbered("weekday", lang.LANGUAGES)
PUBLISHED_LABELS = tuple(dict.fromkeys(r["label"] for code in lang.LANGUAGES for r in lang.table("page_labels", code)
                                       if r["role"] == "published"))
UPDATED_LABELS = tuple(dict.fromkeys(r["label"] for code in lang.LANGUAGES for r in lang.table("page_labels", code)
                                     if r["role"] == "updated"))

_alt = "|".join
_MONTHS = _alt(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = rf"(?P<weekday>{_alt(sorted(WEEKDAYS, key=len, reverse=True))})\.?,?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE = (
    r"(?:(?P<iy>(?:19|20)\d\d)[-/.](?P<im>[01]?\d)[-/.](?P<id>[0-3]?\d)"  # 2021-12-17, 2021/12/17
    rf"|(?P<am>{_MONTHS})\.?\s+(?P<ad>[0-3]?\d){_ORD},?\s+(?P<ay>(?:19|20)\d\d)"  # June 20, 2022
    rf"|(?P<bd>[0-3]?\d)(?:{_ORD}|\.)(?:\s+(?:of|de))?\s+(?P<bm>{_MONTHS})\.?,?(?:\s+de)?\s+(?P<by>(?:19|20)\d\d)"
    # 20 June 2022, 20. Juni 2022, 20 de junio de 2022
    r"|(?P<nd>[0-3]?\d)(?P<sep>[/.])(?P<nm>[01]?\d)[/.](?P<ny>(?:19|20)\d\d))"  # 20/06/2022, 20.06.2022
)
_TIME = r"(?:,?\s*(?:(?:at|às|à|um|a las|alle|om|kl\.?)\s+|-\s+|\|\s*)?\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?)?"
_LABEL = (rf"(?P<label>{_alt(sorted(UPDATED_LABELS + PUBLISHED_LABELS, key=len, reverse=True))}"
          r"|posted by [\w.' -]{1,40}? on|by [\w.' -]{1,40}? (?:on|\||-|–|,))\s*[:|-]?\s*")
# the words that may follow a date on a chrome line: a section name, a reading time ('3 min read')
_REST = r"(?P<rest>(?:[|•·/,–-]\s*)?(?:[\w&'’]+\s*){0,3})"
# a time printed before the date: 'Updated: 5:42 PM EST, Thu February 3, 2022'
_LEAD_TIME = r"(?:\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:\(?[A-Z]{2,5}\)?)?\s*,?\s*)?"
DATE_LINE = re.compile(rf"^\s*[|•·-]?\s*(?:{_LABEL})?{_LEAD_TIME}(?:{_WEEKDAY}\s*)?{_DATE}{_TIME}\s*{_REST}\s*$",
                       re.IGNORECASE)
_DIGITS = re.compile(r"\d\d")
_FILLER = re.compile(r"\b(?:de|of)\b")
_YEARS = (dt.datetime(1900, 1, 1), dt.datetime(2099, 12, 31))  # the years _DATE reads
DATE_ANYWHERE = re.compile(rf"(?:{_WEEKDAY}\s*)?{_DATE}", re.IGNORECASE)


@dataclass
class LineDate:
    """A chrome line that is a date: the date as printed, in ISO, its label and whether it names the weekday."""

    text: str
    date: str | None  # None when the line is a date but not a usable one (ambiguous, or the weekday disagrees)
    label: str | None
    weekday: bool

    @property
    def role(self) -> str:
        """'published', 'updated' or, without a label, '' (the caller decides from where it stands)."""
        if not self.label:
            return ""
        label = " ".join(self.label.lower().split())
        if label.startswith(UPDATED_LABELS):
            return "updated"
        return "published"


def to_iso(m: re.Match[str]) -> str | None:
    """The ISO date of a date match, or None when it is not a real day or is ambiguous."""
    g = m.groupdict()
    try:
        if g.get("iy"):
            y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        elif g.get("ny"):
            a, b, y = int(g["nd"]), int(g["nm"]), int(g["ny"])
            if g["sep"] == "/" and a <= 12 and b <= 12 and a != b:
                return None  # 03/04/2022: day-first or month-first cannot be told apart
            d, mo = (a, b) if b <= 12 else (b, a)  # dotted dates are day-first (03.04.2022 is 3 April)
        else:
            return written_date(m)
        return dt.date(y, mo, d).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def written_date(m: re.Match[str]) -> str | None:
    """The ISO day of a date written with its month's name ('June 20, 2022', '20. Juni 2022', '20 de junio de
    2022'), read by htmldate (lower-cased, without the 'de' and 'of' it does not expect)."""
    from htmldate.extractors import try_date_expr

    keys = ("am", "ad", "ay") if m.group("ay") else ("bd", "bm", "by")
    written = m.string[min(m.start(k) for k in keys):max(m.end(k) for k in keys)]
    return try_date_expr(_FILLER.sub(" ", written.lower()), "%Y-%m-%d", True, *_YEARS)


def weekday_agrees(m: re.Match[str], iso: str) -> bool:
    """False when the printed weekday contradicts the date."""
    name = (m.group("weekday") or "").lower().rstrip(".,")
    if not name:
        return True
    return dt.date.fromisoformat(iso).isoweekday() == WEEKDAYS.get(name, -1)


def line_date(line: str) -> LineDate | None:
    """The date of a line that is nothing but a date in chrome (label, weekday, time, a section name)."""
    if len(line) > 90 or not _DIGITS.search(line):
        return None
    m = DATE_LINE.match(line)
    if not m:
        return None
    rest = m.group("rest") or ""
    if rest and not m.group("label") and re.search(r"[–—-]\s*\w", line[m.start("rest") - 2:]):
        return None  # 'December 30, 2022 - The ...' opens a sentence: not chrome
    iso = to_iso(m)
    if iso is not None and not weekday_agrees(m, iso):
        iso = None
    label = m.group("label")
    return LineDate(text=line.strip(), date=iso, label=label.strip(" :|-") if label else None,
                    weekday=bool(m.group("weekday")))
