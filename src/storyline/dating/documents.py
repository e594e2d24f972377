"""A document's date from all its evidence, each piece recorded; certain only when the evidence leaves one day.

Evidence, strongest first:
- 'pinned': a date the user gave (`storyline build --date DOC=YYYY-MM-DD`): certain.
- 'meta' / 'header': a publication date from metadata (JSONL, WARC, feed, htmldate) or printed as the article's
  date in the page (records.PageDate role 'published'): certain when they agree.
- 'dateline': 'Washington, December 30 –' (with a year: certain; without: one day per plausible year).
- 'weekday': the one weekday the lead names ('On Friday, ...') taken as the dateline's day; it keeps only the
  years in which that month-day falls on that weekday. Certain only when exactly one year fits the bounds.
- bounds: 'rendered' (a today's-date header or widget) and 'updated' page dates and the run date are upper
  bounds; 'latest-mention' (the latest absolute date the text mentions, outside future contexts) is a lower
  bound; 'cluster' (peers: documents reporting the same event) narrows both.
The plausible range for a year that is not printed is `settings.max_year_span` years before the upper bound.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.dating.anchoring import absolute_span
from storyline.dating.datelines import find_dateline, lead_weekday
from storyline.dating.days import bounds, month_day, stated, years_back
from storyline.records import Dated, Document, Evidence, Interval, TimeExpression, day
from storyline.settings import DEFAULT, Settings

# words before (in the same sentence) or right after a date mention that make it a future or planned date
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|would|'ll|’ll|next|upcoming|scheduled|schedule|plans?|planned|planning|expected|expects|"
    r"set\s+to|due|until|till|by|ahead\s+of|before|deadline|forecasts?|projected|targets?|aims?|goal|intends?|"
    r"to\s+be\s+held|to\s+take\s+place|starting|from|through|as\s+of|could|may|might|hopes?\s+to)\b", re.I)
_FUTURE_AFTER = re.compile(r"^[^.;\n]{0,30}\b(?:will|is\s+expected|are\s+expected|is\s+scheduled|deadline)\b", re.I)
BEFORE_CHARS = 80
YEAR_GAP = 2  # an inferred year more than this after every year the text names is not taken as certain
TRUSTED_ROLES = {"published"}
UPPER_ROLES = {"rendered": "page-render date (a today's-date header or widget): the article is on or before it",
               "updated": "last-updated date: the article was first published on or before it"}


@dataclass
class Bounds:
    """The interval the evidence allows, and the evidence that set each end."""

    lo: dt.date | None = None
    hi: dt.date | None = None
    lo_by: list[str] = field(default_factory=list)
    hi_by: list[str] = field(default_factory=list)

    def lower(self, d: dt.date, kind: str) -> None:
        """Raise the lower end to d."""
        if self.lo is None or d > self.lo:
            self.lo, self.lo_by = d, [kind]

    def upper(self, d: dt.date, kind: str) -> None:
        """Lower the upper end to d."""
        if self.hi is None or d < self.hi:
            self.hi, self.hi_by = d, [kind]

    def holds(self, lo: dt.date | None, hi: dt.date | None) -> bool:
        """Whether [lo, hi] overlaps these bounds."""
        return (lo is None or self.hi is None or lo <= self.hi) and (hi is None or self.lo is None or hi >= self.lo)


def date_document(doc: Document, timexes: Sequence[TimeExpression], settings: Settings = DEFAULT,
                  pinned: str | None = None, peers: Sequence[Dated] = (), today: dt.date | None = None) -> Dated:
    """The document's date with its evidence: certain only when the evidence allows no other day.

    `peers` are constraints on this document's date from documents reporting the same event (see
    dating.repair.peer_constraints); `today` is the run date (an upper bound), today's date by default."""
    today = today or dt.date.today()
    evidence: list[Evidence] = []
    pin = day(pinned)
    if pinned and pin is None:
        evidence.append(_ev("pinned", pinned, None, None, doc, "not a YYYY-MM-DD date: ignored"))
    exact = _trusted(doc, timexes, evidence)
    bnd = _bounds(doc, timexes, evidence, today)
    if pin:
        evidence.insert(0, _ev("pinned", pinned or "", pin, pin, doc, "given by the user (--date)"))
        return _dated(pin, pin, True, "pinned", evidence)
    if exact:
        return _from_trusted(exact, bnd, peers, doc, evidence)
    _apply_peers(bnd, peers, evidence)
    return _from_bounds(doc, timexes, bnd, settings, evidence)


def _ev(kind: str, text: str, lo: dt.date | None, hi: dt.date | None, doc: Document, note: str = "",
        sentence: int | None = None) -> Evidence:
    """One piece of evidence about this document's date."""
    return Evidence(kind=kind, text=text, interval=Interval.of(lo, hi), doc=doc.id, sentence=sentence, note=note)


def _dated(lo: dt.date | None, hi: dt.date | None, certain: bool, source: str, evidence: list[Evidence]) -> Dated:
    """A Dated value: the day when certain, else the interval (and its month when it lies in one)."""
    certain = certain and lo is not None and lo == hi
    return Dated(date=stated(lo, hi, certain), certain=certain,
                 interval=Interval.of(lo, hi) if (lo or hi) else None, source=source, evidence=evidence)


def _trusted(doc: Document, timexes: Sequence[TimeExpression], evidence: list[Evidence]
             ) -> list[tuple[dt.date, str]]:
    """The trusted publication dates (metadata, the page's own publication date, a dated dateline)."""
    out: list[tuple[dt.date, str]] = []
    meta = day(doc.meta_published)
    if meta:
        evidence.append(_ev("meta", str(doc.meta_published), meta, meta, doc, "publication date from metadata"))
        out.append((meta, "meta"))
    elif doc.meta_published:
        evidence.append(_ev("meta", str(doc.meta_published), None, None, doc, "not a date: ignored"))
    for p in doc.page_dates:
        d = day(p.date)
        if d and p.role in TRUSTED_ROLES:
            kind = "meta" if p.where in ("meta", "html") else "header"
            evidence.append(_ev(kind, p.text, d, d, doc, f"publication date printed in the page ({p.where}"
                                + (f", line {p.line})" if p.line else ")")))
            out.append((d, kind))
    dl = find_dateline(doc.text)
    if dl and dl.year:
        d = month_day(dl.year, dl.month, dl.day)
        if d:
            evidence.append(_ev("dateline", dl.text, d, d, doc, "dateline with its year",
                                _sentence_at(timexes, dl.start, dl.end)))
            out.append((d, "dateline"))
    return out


def _bounds(doc: Document, timexes: Sequence[TimeExpression], evidence: list[Evidence], today: dt.date) -> Bounds:
    """Upper bounds (page-render and updated dates, the run date) and the latest-mention lower bound."""
    bnd = Bounds()
    for p in doc.page_dates:
        d = day(p.date)
        if d and p.role in UPPER_ROLES:
            evidence.append(_ev(p.role, p.text, None, d, doc, f"{UPPER_ROLES[p.role]} ({p.where})"))
            bnd.upper(d, p.role)
        elif d and p.role not in TRUSTED_ROLES:
            evidence.append(_ev("page-date", p.text, None, None, doc,
                                f"date of unknown role in the page ({p.where}): not used"))
    evidence.append(_ev("run-date", today.isoformat(), None, today, doc,
                        "the article existed when storyline read it"))
    bnd.upper(today, "run-date")
    mention = _latest_mention(doc, timexes, bnd.hi)
    if mention:
        t, lo, ignored = mention
        for later in ignored:
            evidence.append(_ev("latest-mention", later.text, None, None, doc,
                                "after the upper bound: taken as a future date, not used", later.sentence))
        if t is not None and lo is not None:
            evidence.append(_ev("latest-mention", t.text, lo, None, doc,
                                "the latest absolute date the text mentions: the article is on or after it",
                                t.sentence))
            bnd.lower(lo, "latest-mention")
    return bnd


def _latest_mention(doc: Document, timexes: Sequence[TimeExpression], hi: dt.date | None
                    ) -> tuple[TimeExpression | None, dt.date | None, list[TimeExpression]] | None:
    """The absolute date mention with the latest first day (outside future contexts, not after hi)."""
    best: tuple[TimeExpression | None, dt.date | None] = (None, None)
    ignored = []
    for t in timexes:
        sp = absolute_span(t)
        if not sp or t.type != "DATE" or _future_context(doc.text, t):
            continue
        if hi and sp[0] > hi:
            ignored.append(t)
            continue
        if best[1] is None or sp[0] > best[1]:
            best = (t, sp[0])
    return (best[0], best[1], ignored) if (best[0] or ignored) else None


def _future_context(text: str, t: TimeExpression) -> bool:
    """Whether the words around a date mention make it a planned or future date."""
    before = text[max(0, t.start - BEFORE_CHARS):t.start]
    before = re.split(r"[.!?]\s|\n", before)[-1]
    return bool(_FUTURE_BEFORE.search(before) or _FUTURE_AFTER.search(text[t.end:t.end + 40]))


def _from_trusted(exact: list[tuple[dt.date, str]], bnd: Bounds, peers: Sequence[Dated], doc: Document,
                  evidence: list[Evidence]) -> Dated:
    """Certain when the trusted dates agree and no upper bound contradicts them; else their hull, uncertain."""
    days = sorted({d for d, _ in exact})
    sources = sorted({k for _, k in exact}, key=["meta", "header", "dateline"].index)
    for p in peers:
        lo, hi = bounds(p.interval)
        note = "agrees" if (lo is None or lo <= days[0]) and (hi is None or days[-1] <= hi) else \
            "disagrees: the trusted date is kept"
        evidence.extend(_peer_evidence(p, note))
    if bnd.lo and days[0] < bnd.lo:
        evidence.append(_ev("conflict", "", bnd.lo, None, doc,
                            "the text mentions a later date; the publication date is kept (a future mention?)"))
    past_bound = bnd.hi is not None and days[-1] > bnd.hi
    if len(days) == 1 and not past_bound:
        return _dated(days[0], days[0], True, sources[0], evidence)
    if past_bound:  # either the publication date or the page-render date is wrong: allow both readings
        lo, hi = (bnd.lo if bnd.lo and bnd.lo <= days[0] else None), days[-1]
        note = f"a publication date is after the upper bound {bnd.hi} ({'+'.join(bnd.hi_by)})"
    else:
        lo, hi = days[0], days[-1]
        note = "publication dates disagree"
    evidence.append(_ev("conflict", "", lo, hi, doc, note))
    return _dated(lo, hi, False, "+".join(sources), evidence)


def _peer_evidence(p: Dated, note: str) -> list[Evidence]:
    """A peer constraint's evidence, with a note on how it was used."""
    out = []
    for e in p.evidence or [Evidence("cluster", "", p.interval or Interval(None, None))]:
        out.append(Evidence(kind=e.kind, text=e.text, interval=e.interval, doc=e.doc, sentence=e.sentence,
                            note=(e.note + "; " if e.note else "") + note))
    return out


def _apply_peers(bnd: Bounds, peers: Sequence[Dated], evidence: list[Evidence]) -> None:
    """Narrow the bounds by the documents reporting the same event, skipping those that contradict them."""
    for p in peers:
        lo, hi = bounds(p.interval)
        if not bnd.holds(lo, hi):
            evidence.extend(_peer_evidence(p, "contradicts the other evidence: not used"))
            continue
        evidence.extend(_peer_evidence(p, "used"))
        if lo:
            bnd.lower(lo, "cluster")
        if hi:
            bnd.upper(hi, "cluster")


def _from_bounds(doc: Document, timexes: Sequence[TimeExpression], bnd: Bounds, settings: Settings,
                 evidence: list[Evidence]) -> Dated:
    """The date from a dateline without a year (and the lead's weekday) inside the bounds, else the bounds."""
    dl = find_dateline(doc.text)
    if bnd.lo and bnd.hi and bnd.lo > bnd.hi:
        evidence.append(_ev("conflict", "", bnd.lo, bnd.hi, doc, "lower bound after upper bound: lower bound dropped"))
        bnd.lo, bnd.lo_by = None, []
    if dl is None or dl.year:
        return _dated(bnd.lo, bnd.hi, bnd.lo is not None and bnd.lo == bnd.hi and "cluster" in bnd.lo_by
                      and "cluster" in bnd.hi_by, _bounds_source(bnd), evidence)
    assert bnd.hi is not None  # the run date always bounds it
    plausible = years_back(bnd.hi, settings.max_year_span)
    lo = max(bnd.lo, plausible) if bnd.lo else plausible
    days = _dateline_days(dl.month, dl.day, lo, bnd.hi)
    evidence.append(_ev("dateline", dl.text, days[0] if days else None, days[-1] if days else None, doc,
                        f"no year: {len(days)} plausible day(s) between {lo} and {bnd.hi}",
                        _sentence_at(timexes, dl.start, dl.end)))
    weekday = dl.weekday
    wd = None
    if weekday is None:
        wd = lead_weekday(doc.text, dl)
        weekday = wd.weekday if wd else None
    if weekday is not None:
        fits = [d for d in days if d.weekday() == weekday]
        text = wd.text if wd else dl.text
        note = (f"the lead's weekday taken as the dateline's day: years where {calendar.month_name[dl.month]} "
                f"{dl.day} is a {calendar.day_name[weekday]}: {', '.join(str(d.year) for d in fits) or 'none'} "
                f"between {lo} and {bnd.hi}")
        where = (wd.start, wd.end) if wd else (dl.start, dl.end)
        evidence.append(_ev("weekday", text, fits[0] if fits else None, fits[-1] if fits else None, doc, note,
                            _sentence_at(timexes, *where)))
        if len(fits) == 1 and _year_plausible(fits[0], timexes, doc, evidence):
            return _dated(fits[0], fits[0], True, "dateline+weekday", evidence)
    if len(days) == 1 and _year_plausible(days[0], timexes, doc, evidence):
        return _dated(days[0], days[0], True, "dateline+" + _bounds_source(bnd), evidence)
    if days:
        return _dated(days[0], days[-1], False, "dateline", evidence)
    evidence.append(_ev("conflict", dl.text, None, None, doc, "the dateline's day fits no plausible year: not used"))
    return _dated(bnd.lo, bnd.hi, False, _bounds_source(bnd), evidence)


def _year_plausible(d: dt.date, timexes: Sequence[TimeExpression], doc: Document, evidence: list[Evidence]) -> bool:
    """Whether an inferred year agrees with the years the text names: an article rarely names only years long
    before its own (an old article read today must not be put in a recent year that happens to fit)."""
    years = [sp[1].year for t in timexes if (sp := absolute_span(t)) and sp[1].year - sp[0].year < 1]
    if not years or d.year <= max(years) + YEAR_GAP:
        return True
    evidence.append(_ev("conflict", str(max(years)), None, None, doc,
                        f"the latest year the text names is {max(years)}: {d.year} is doubtful, left uncertain"))
    return False


def _sentence_at(timexes: Sequence[TimeExpression], start: int, end: int) -> int | None:
    """The sentence index of a time expression overlapping [start, end), for the evidence's provenance."""
    return next((t.sentence for t in timexes if t.start < end and start < t.end), None)


def _dateline_days(month: int, dom: int, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """Every day with this month and day of month between lo and hi."""
    days = (month_day(y, month, dom) for y in range(lo.year, hi.year + 1))
    return [d for d in days if d and lo <= d <= hi]


def _bounds_source(bnd: Bounds) -> str:
    """A short name for what bounds the interval, e.g. 'latest-mention+rendered'."""
    parts = [*bnd.lo_by, *bnd.hi_by]
    return "+".join(dict.fromkeys(parts)) or "unknown"

