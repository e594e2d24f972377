"""Dates written in a document's file path or URL ('.../2012-04-07/235.htm.txt', '/2011/03/19/story.html'), and
how much an archive's folder dates can be trusted.

A URL's date is set when the page is published, so a day in a URL is a publication date. A folder's date is only
as good as the archive's layout: folders named by many different days (one per publication day) are a dated
archive, and its folder dates are publication dates; one dated folder holding everything is more likely the day
someone downloaded the files, so its date is recorded but not used. `archive_layout` decides this for a whole
corpus, and checks the folder dates against the documents that print their own date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.dating.days import month_day

# separators around a date inside a path or URL: a date is a whole segment or a delimited part of one
_LEFT = r"(?<![0-9A-Za-z])"
_RIGHT = r"(?![0-9])"
_Y = r"(?P<y>(?:19[89]|20[0-9])\d)"
_PATTERNS = [
    re.compile(rf"{_LEFT}{_Y}(?P<sep>[-_./])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d){_RIGHT}"),  # 2012-04-07, 2011/03/19
    re.compile(rf"{_LEFT}{_Y}(?P<m>[01]\d)(?P<d>[0-3]\d){_RIGHT}"),  # 20120407
    re.compile(rf"/{_Y}/(?P<m>[01]\d)/(?![0-3]\d(?![0-9]))"),  # /2011/03/ (a month: the day is not in the path)
]
LAYOUT_MIN_DAYS = 2  # distinct folder days under one root that make it a dated archive
LAYOUT_MIN_AGREEMENT = 0.8  # share of documents with their own printed date that must agree with their folder
LAYOUT_MIN_CHECKED = 3  # fewer documents with their own date than this check nothing
AGREE_DAYS = 1  # a printed date this many days before the folder date agrees (a dateline of the day before)


@dataclass
class PathDate:
    """A date written in a path or URL: the text, the days it allows, where it stands."""

    text: str
    lo: dt.date
    hi: dt.date
    where: str  # 'path' | 'url'
    root: str = ""  # the path before the date: documents under the same root form one archive

    @property
    def day(self) -> dt.date | None:
        """The day, when the path names one."""
        return self.lo if self.lo == self.hi else None


@dataclass
class Archive:
    """What the corpus says about a document's folder date: whether it is a publication date, and why."""

    date: PathDate
    trusted: bool
    note: str


@dataclass
class LayoutCheck:
    """Documents under one root: their folder days and how many printed dates agree with them."""

    days: set[dt.date] = field(default_factory=set)
    documents: int = 0
    checked: int = 0
    agree: int = 0


def path_dates(text: str | None, where: str) -> list[PathDate]:
    """Every date written in a path or URL, the most precise first (a day before a month)."""
    if not text:
        return []
    out: list[PathDate] = []
    taken: list[tuple[int, int]] = []
    for rx in _PATTERNS:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            got = _span(m)
            if got is None:
                continue
            taken.append(m.span())
            root = text[:m.start()]
            out.append(PathDate(text=m.group(0).strip("/"), lo=got[0], hi=got[1], where=where, root=root))
    return sorted(out, key=lambda p: ((p.hi - p.lo).days, -len(p.root)))


def _span(m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day a path date names; None when it is no real date."""
    y, mo = int(m["y"]), int(m["m"])
    d = m.groupdict().get("d")
    if d is not None:
        day = month_day(y, mo, int(d))
        return (day, day) if day else None
    if not 1 <= mo <= 12:
        return None
    first = dt.date(y, mo, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return first, last


def folder_date(path: str | None) -> PathDate | None:
    """The date a document's folders (or file name) give, the most precise one."""
    found = path_dates(path, "path")
    return found[0] if found else None


def url_date(url: str | None) -> PathDate | None:
    """The date a document's URL gives, the most precise one."""
    found = path_dates(url, "url")
    return found[0] if found else None


def archive_layout(documents: Iterable[tuple[str, str | None, dt.date | None]]) -> dict[str, Archive]:
    """For each document (id, path, its own printed publication day or None) whose path holds a date: whether
    that folder date is a publication date. It is when the documents under the same root sit in folders of at
    least LAYOUT_MIN_DAYS different days, and when the documents that print their own date mostly agree with
    their folder (LAYOUT_MIN_AGREEMENT, if at least LAYOUT_MIN_CHECKED of them do)."""
    dated: dict[str, tuple[PathDate, dt.date | None]] = {}
    checks: defaultdict[str, LayoutCheck] = defaultdict(LayoutCheck)
    for doc_id, path, own in documents:
        found = folder_date(path)
        if found is None:
            continue
        dated[doc_id] = (found, own)
        check = checks[found.root]
        check.documents += 1
        check.days.add(found.lo)
        if own is not None and found.day is not None:
            check.checked += 1
            check.agree += 0 <= (found.day - own).days <= AGREE_DAYS
    return {doc_id: _verdict(found, checks[found.root]) for doc_id, (found, _own) in dated.items()}


def _verdict(found: PathDate, check: LayoutCheck) -> Archive:
    """Whether one folder date is trusted, with the reason as a note."""
    where = f"{check.documents} documents under '{found.root}' with {len(check.days)} different dates in their paths"
    if len(check.days) < LAYOUT_MIN_DAYS:
        return Archive(found, False, f"{where}: one date for all, perhaps the day they were collected; not used")
    if check.checked >= LAYOUT_MIN_CHECKED and check.agree < LAYOUT_MIN_AGREEMENT * check.checked:
        return Archive(found, False, f"{where}, but only {check.agree} of {check.checked} documents that print "
                                     "their own date agree with their path: not used")
    agreement = f"; {check.agree} of {check.checked} that print their own date agree" if check.checked else ""
    return Archive(found, True, f"a dated archive: {where}{agreement}")
