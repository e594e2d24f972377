"""A document's date from all its evidence, each piece recorded; certain only when the evidence leaves one day.

Publication dates (any one of them dates the document; when they disagree it gets their span, uncertain):
- 'pinned': a date the user gave (`storyline build --date DOC=YYYY-MM-DD`): wins over everything.
- 'meta' / 'header': a publication date from metadata (JSONL, WARC, feed, htmldate) or printed in the page
  (records.PageDate role 'published', or a stamp near the top: 'Mon Mar 2, 2009 4:23 pm EST').
- 'url': a day in the document's URL ('/2011/03/19/').
- 'path': the day in the document's folder or file name, in an archive laid out by date (dating.paths.archive_layout
  says when a folder date is a publication date); one the corpus does not vouch for is recorded and not used.
- 'dateline': 'Washington, December 30, 2022 –'. A dateline gives the day the story was filed; a print edition may
  publish it the next day, so a dateline one day before another publication date agrees with it.
- 'copy': an exact or near copy of another document takes the original's date, unless it has its own.
Bounds (they narrow what the text allows; each end remembers what set it):
- upper: 'rendered' (a today's-date header or widget) and 'updated' page dates, a month in the URL or folder, and
  the run date ('run-date': the article existed when storyline read it);
- lower: 'latest-mention' (the latest absolute date the text mentions, outside future contexts and reader comments);
- 'knowledge' (storyline/data/knowledge): the terms of the office-holders the text names with their titles, the
  sudden events it names, and the day of a scheduled event a sentence is tied to ('hours before the start of the
  Beijing Winter Olympics'), which also dates that sentence's weekday and so the document;
- 'cluster': documents reporting the same event (dating.repair) narrow both ends.
When bounds contradict each other, the weakest gives way (a knowledge term's end first, then a mentioned date).
A dateline without a year is placed in every year the bounds allow; the lead's weekday ('On Friday, ...') keeps the
years in which that day falls on it; one day left is certain. Nothing else makes a date: without a lower bound a
year-less dateline names no year, however recent the run.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.dating import knowledge
from storyline.dating.anchoring import absolute_span, anchors_denoting
from storyline.dating.datelines import (
    Dateline,
    Stamp,
    comments_start,
    find_dateline,
    find_stamp,
    lead_weekday,
)
from storyline.dating.days import bounds, month_day, stated
from storyline.dating.paths import Archive, url_date
from storyline.ingest.dates import plausible
from storyline.records import COLLECTED, Dated, Document, Evidence, Interval, TimeExpression, WeekdayOf, day
from storyline.settings import DEFAULT, Settings

# words before (in the same sentence) or right after a date mention that make it a future or planned date
_FUTURE_BEFORE = re.compile(
    r"(?:\b(?:will|shall|would|should|must|next|upcoming|scheduled|schedule|plans?|planned|planning|expected|"
    r"expects|set\s+to|due|until|till|by|ahead\s+of|before|deadline|forecasts?|projected|targets?|aims?|goal|"
    r"intends?|to\s+be\s+held|to\s+take\s+place|starting|from|through|as\s+of|could|may|might|hopes?\s+to|"
    r"in\s+time\s+for|is\s+broadcast|airs)|(?:'ll|’ll))\b", re.I)
_FUTURE_AFTER = re.compile(r"^[^.;\n]{0,30}\b(?:will|is\s+expected|are\s+expected|is\s+scheduled|deadline)\b", re.I)
# nouns after a bare year that name something planned for it ('the 2012 Games', 'the 2010 defense budget')
_PLANNED_AFTER_YEAR = re.compile(
    r"^(?:['’]s)?\s+(?:\w+\s+)?(?:budgets?|fiscal|Games|Olympics|World\s+Cup|elections?|polls?|campaign|race|"
    r"targets?|goals?|deadline|season|model|summit|census|plans?)\b", re.I)
# words right before a date that make it the date of a later version of the page, not of the article
_UPDATE_BEFORE = re.compile(r"(?i)\b(?:updated|corrected|amended|revised|edited|modified)\s+(?:\w+\s+){0,2}"
                            r"(?:in|on|at)?\s*$")
BEFORE_CHARS = 80
YEAR_GAP = 2  # an inferred year more than this after every year the text names is not taken as certain
DATELINE_LAG_DAYS = 1  # a publication date this many days after the dateline agrees with it (next day's paper)
WEEKDAY_DAYS = 8  # how far from a known day a weekday that denotes it may place its document
TRUSTED_ROLES = {"published"}
UPPER_ROLES = {"rendered": "page-render date (a today's-date header or widget): the article is on or before it",
               "updated": "last-updated date: the article was first published on or before it"}
# how firmly a bound holds (0 strongest): the weaker of two contradicting bounds gives way
COLLECTED_NOTE = "nothing but the day storyline read the document bounds this date from above"
STRENGTH = {"run-date": 0, "rendered": 1, "updated": 1, "url": 1, "path": 1, "copy": 1, "cluster": 2,
            "knowledge": 2, "latest-mention": 3, "knowledge-end": 4}
CHALLENGES_PUBLICATION = 1  # bounds at least this strong put a publication date after them in doubt
_ORDER = ["pinned", "meta", "header", "url", "path", "dateline", "copy"]


@dataclass
class Context:
    """What the rest of the corpus says about one document: its folder date and whether the archive vouches for
    it (dating.paths.archive_layout), and for a copy, the original and its date."""

    archive: Archive | None = None
    original: str | None = None
    original_date: Dated | None = None


@dataclass
class Bound:
    """One end set by one piece of evidence."""

    day: dt.date
    kind: str
    strength: int


@dataclass
class Bounds:
    """The interval the evidence allows, and the evidence that set each end."""

    lows: list[Bound] = field(default_factory=list)
    highs: list[Bound] = field(default_factory=list)

    @property
    def lo(self) -> dt.date | None:
        """The lower end."""
        return max((b.day for b in self.lows), default=None)

    @property
    def hi(self) -> dt.date | None:
        """The upper end."""
        return min((b.day for b in self.highs), default=None)

    @property
    def lo_by(self) -> list[str]:
        """What set the lower end."""
        return list(dict.fromkeys(b.kind for b in self.lows if b.day == self.lo))

    @property
    def hi_by(self) -> list[str]:
        """What set the upper end."""
        return list(dict.fromkeys(b.kind for b in self.highs if b.day == self.hi))

    def lower(self, d: dt.date, kind: str, strength: int | None = None) -> None:
        """The document is on or after d."""
        self.lows.append(Bound(d, kind, STRENGTH[kind] if strength is None else strength))

    def upper(self, d: dt.date, kind: str, strength: int | None = None) -> None:
        """The document is on or before d."""
        self.highs.append(Bound(d, kind, STRENGTH[kind] if strength is None else strength))

    def holds(self, lo: dt.date | None, hi: dt.date | None) -> bool:
        """Whether [lo, hi] overlaps these bounds."""
        return (lo is None or self.hi is None or lo <= self.hi) and (hi is None or self.lo is None or hi >= self.lo)

    def strong_hi(self) -> dt.date | None:
        """The upper end set by bounds strong enough to put a publication date in doubt."""
        return min((b.day for b in self.highs if b.strength <= CHALLENGES_PUBLICATION), default=None)

    def settle(self, doc: Document, evidence: list[Evidence]) -> None:
        """While the lower end is after the upper end, drop the weakest bound that takes part in the conflict."""
        while self.lo and self.hi and self.lo > self.hi:
            lo, hi = self.lo, self.hi
            party = [b for b in self.lows if b.day > hi] + [b for b in self.highs if b.day < lo]
            weakest = max(party, key=lambda b: b.strength)
            (self.lows if weakest in self.lows else self.highs).remove(weakest)
            side = "lower" if weakest.day > hi else "upper"
            evidence.append(_ev("conflict", weakest.kind, None, None, doc,
                                f"the {side} bound {weakest.day} ({weakest.kind}) contradicts stronger evidence "
                                f"({lo} .. {hi}): not used"))


def date_document(doc: Document, timexes: Sequence[TimeExpression], settings: Settings = DEFAULT,
                  pinned: str | None = None, peers: Sequence[Dated] = (), today: dt.date | None = None,
                  context: Context | None = None) -> Dated:
    """The document's date with its evidence: certain only when the evidence allows no other day.

    `peers` are constraints on this document's date from documents reporting the same event (see
    dating.repair.peer_constraints); `today` is the run date (an upper bound), today's date by default; `context`
    is what the rest of the corpus says about it (its archive's folder date, the original it copies)."""
    today = today or dt.date.today()
    context = context or Context()
    evidence: list[Evidence] = []
    pin = day(pinned)
    if pinned and pin is None:
        evidence.append(_ev("pinned", pinned, None, None, doc, "not a YYYY-MM-DD date: ignored"))
    dl, stamp = find_dateline(doc.text), find_stamp(doc.text)
    exact = _trusted(doc, timexes, evidence, context, dl, stamp)
    bnd = _bounds(doc, timexes, evidence, today, context, stamp)
    if pin:
        evidence.insert(0, _ev("pinned", pinned or "", pin, pin, doc, "given by the user (--date)"))
        return _dated(pin, pin, True, "pinned", evidence)
    if exact:
        return _collected(_from_trusted(exact, bnd, peers, doc, evidence, context), bnd, today, doc)
    if context.original_date is not None:
        inherited = _from_original(context, bnd, doc, evidence)
        if inherited is not None:
            return _collected(inherited, bnd, today, doc)
    _apply_peers(bnd, peers, evidence)
    bnd.settle(doc, evidence)
    return _collected(_from_bounds(doc, timexes, bnd, dl, evidence), bnd, today, doc)


def _collected(d: Dated, bnd: Bounds, today: dt.date, doc: Document) -> Dated:
    """The date, with a 'collected' piece of evidence when nothing but the run date bounds it from above (outputs
    then say 'collected by' that day instead of stating it as a date)."""
    iv = d.interval
    if not d.certain and iv is not None and iv.hi == today.isoformat() and bnd.hi_by == ["run-date"]:
        d.evidence.append(_ev(COLLECTED, today.isoformat(), None, today, doc, COLLECTED_NOTE))
    return d


def printed_date(doc: Document) -> dt.date | None:
    """The publication day the document itself gives (metadata, the page, its URL, a dateline with its year), when
    all of it agrees; what an archive's folder dates are checked against."""
    evidence: list[Evidence] = []
    exact = _trusted(doc, [], evidence, Context(), find_dateline(doc.text), find_stamp(doc.text))
    published = {d for d, k in exact if k != "dateline"} or {d for d, _ in exact}
    return published.pop() if len(published) == 1 else None


def _ev(kind: str, text: str, lo: dt.date | None, hi: dt.date | None, doc: Document, note: str = "",
        sentence: int | None = None) -> Evidence:
    """One piece of evidence about this document's date."""
    return Evidence(kind=kind, text=text, interval=Interval.of(lo, hi), doc=doc.id, sentence=sentence, note=note)


def _dated(lo: dt.date | None, hi: dt.date | None, certain: bool, source: str, evidence: list[Evidence]) -> Dated:
    """A Dated value: the day when certain, else the interval (and its month when it lies in one)."""
    certain = certain and lo is not None and lo == hi
    return Dated(date=stated(lo, hi, certain), certain=certain,
                 interval=Interval.of(lo, hi) if (lo or hi) else None, source=source, evidence=evidence)


def _trusted(doc: Document, timexes: Sequence[TimeExpression], evidence: list[Evidence], context: Context,
             dl: Dateline | None, stamp: Stamp | None) -> list[tuple[dt.date, str]]:
    """The publication dates the document and its corpus give (metadata, the page, the URL, a dated archive's
    folder, a dateline with its year)."""
    out: list[tuple[dt.date, str]] = []
    meta = day(doc.meta_published)
    if meta and plausible(meta):
        evidence.append(_ev("meta", str(doc.meta_published), meta, meta, doc, "publication date from metadata"))
        out.append((meta, "meta"))
    elif meta:
        evidence.append(_ev("meta", str(doc.meta_published), None, None, doc,
                            "no article's date (the Unix epoch, or before 1900 or after 2200): ignored"))
    elif doc.meta_published:
        evidence.append(_ev("meta", str(doc.meta_published), None, None, doc, "not a date: ignored"))
    for p in doc.page_dates:
        d = day(p.date)
        if d and p.role in TRUSTED_ROLES and plausible(d):
            kind = "meta" if p.where in ("meta", "html") else "header"
            evidence.append(_ev(kind, p.text, d, d, doc, f"publication date printed in the page ({p.where}"
                                + (f", line {p.line})" if p.line else ")")))
            out.append((d, kind))
    if stamp is not None and stamp.role == "published" and not any(d == stamp.date for d, _ in out):
        evidence.append(_ev("header", stamp.text, stamp.date, stamp.date, doc,
                            "date and time printed near the top: the publication stamp",
                            _sentence_at(doc, timexes, stamp.start, stamp.end)))
        out.append((stamp.date, "header"))
    found = url_date(doc.url)
    if found is not None and found.day is not None:
        evidence.append(_ev("url", found.text, found.day, found.day, doc, f"the day in the URL {doc.url}"))
        out.append((found.day, "url"))
    archive = context.archive
    if archive is not None and archive.date.day is not None:
        used = archive.trusted
        evidence.append(_ev("path", archive.date.text, archive.date.day if used else None,
                            archive.date.day if used else None, doc, f"the date in its path (folder or file name): {archive.note}"))
        if used:
            out.append((archive.date.day, "path"))
    if dl and dl.year:
        d = month_day(dl.year, dl.month, dl.day)
        if d:
            evidence.append(_ev("dateline", dl.text, d, d, doc, "dateline with its year",
                                _sentence_at(doc, timexes, dl.start, dl.end)))
            out.append((d, "dateline"))
    return out


def _bounds(doc: Document, timexes: Sequence[TimeExpression], evidence: list[Evidence], today: dt.date,
            context: Context, stamp: Stamp | None) -> Bounds:
    """Upper bounds (page-render and updated dates, months in the URL or folder, the run date), the latest-mention
    lower bound, and what world knowledge says."""
    bnd = Bounds()
    for p in doc.page_dates:
        d = day(p.date)
        if d and p.role in UPPER_ROLES:
            evidence.append(_ev(p.role, p.text, None, d, doc, f"{UPPER_ROLES[p.role]} ({p.where})"))
            bnd.upper(d, p.role)
        elif d and p.role not in TRUSTED_ROLES:
            evidence.append(_ev("page-date", p.text, None, None, doc,
                                f"date of unknown role in the page ({p.where}): not used"))
    if stamp is not None and stamp.role == "updated":
        evidence.append(_ev("updated", stamp.text, None, stamp.date, doc, UPPER_ROLES["updated"] + " (stamp)"))
        bnd.upper(stamp.date, "updated")
    _month_bounds(doc, bnd, evidence, context)
    evidence.append(_ev("run-date", today.isoformat(), None, today, doc,
                        "the article existed when storyline read it"))
    bnd.upper(today, "run-date")
    _knowledge(doc, timexes, bnd, evidence)
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


def _month_bounds(doc: Document, bnd: Bounds, evidence: list[Evidence], context: Context) -> None:
    """A month (not a day) in the URL, or in the folder of a dated archive: the document lies in it."""
    found = [url_date(doc.url)]
    if context.archive is not None and context.archive.trusted:
        found.append(context.archive.date)
    for f in found:
        if f is None or f.day is not None:
            continue
        what = "URL" if f.where == "url" else "folder"
        evidence.append(_ev(f.where, f.text, f.lo, f.hi, doc, f"the month in the {what}: the document lies in it"))
        bnd.lower(f.lo, f.where)
        bnd.upper(f.hi, f.where)


def _knowledge(doc: Document, timexes: Sequence[TimeExpression], bnd: Bounds, evidence: list[Evidence]) -> None:
    """World knowledge: office-holders' terms, sudden events, and days of scheduled events tied to a sentence."""
    for h in knowledge.find(doc.text):
        sentence = _sentence_at(doc, timexes, *knowledge.sentence_span(doc.text, h.start, h.end))
        if h.kind == "event-day" and h.lo is not None:
            _event_day(doc, timexes, h, sentence, bnd, evidence)
            continue
        evidence.append(_ev("knowledge", h.text, h.lo, h.hi, doc, h.note, sentence))
        if h.lo:
            bnd.lower(h.lo, "knowledge")
        if h.hi:
            bnd.upper(h.hi, "knowledge", STRENGTH["knowledge-end"])


def _event_day(doc: Document, timexes: Sequence[TimeExpression], h: knowledge.Hint, sentence: int | None,
               bnd: Bounds, evidence: list[Evidence]) -> None:
    """A sentence tied to the day of a scheduled event: the document is on or after that day (before it, when the
    sentence speaks of the future), and a weekday of that sentence which falls on that day dates the document."""
    assert h.lo is not None
    future = _future_context(doc.text, h.start)
    evidence.append(_ev("knowledge", h.text, None if future else h.lo, h.lo if future else None, doc,
                        f"{h.note}; the sentence speaks of {h.lo} ({h.lo:%A})", sentence))
    if future:
        bnd.upper(h.lo, "knowledge")
        return
    bnd.lower(h.lo, "knowledge")
    s, e = knowledge.sentence_span(doc.text, h.start, h.end)
    same = [t for t in timexes if s <= t.start < e and t.anchored and isinstance(t.meaning, WeekdayOf)
            and t.meaning.weekday == h.lo.isoweekday()]
    for t in same[:1]:
        fits = anchors_denoting(t, h.lo, None, None, WEEKDAY_DAYS)
        if fits:
            evidence.append(_ev("knowledge", t.text, fits[0], fits[-1], doc,
                                f"'{t.text}' is {h.lo} ({h.text}): the document is dated {fits[0]} to {fits[-1]}",
                                t.sentence))
            bnd.lower(fits[0], "knowledge")
            bnd.upper(fits[-1], "knowledge")


def _latest_mention(doc: Document, timexes: Sequence[TimeExpression], hi: dt.date | None
                    ) -> tuple[TimeExpression | None, dt.date | None, list[TimeExpression]] | None:
    """The absolute date mention with the latest first day (outside future contexts and reader comments, not after
    hi)."""
    best: tuple[TimeExpression | None, dt.date | None] = (None, None)
    ignored = []
    comments = comments_start(doc.text)
    for t in timexes:
        sp = absolute_span(t)
        if not sp or t.type != "DATE" or _future_context(doc.text, t.start, t.end):
            continue
        if comments is not None and t.start >= comments:
            continue
        if _UPDATE_BEFORE.search(doc.text[max(0, t.start - BEFORE_CHARS):t.start]):
            continue  # 'the photograph on this page was updated in 2011': a later version, not the article
        if hi and sp[0] > hi:
            ignored.append(t)
            continue
        if best[1] is None or sp[0] > best[1]:
            best = (t, sp[0])
    return (best[0], best[1], ignored) if (best[0] or ignored) else None


def _future_context(text: str, start: int, end: int | None = None) -> bool:
    """Whether the words around a date mention make it a planned or future date."""
    before = text[max(0, start - BEFORE_CHARS):start]
    before = re.split(r"[.!?]\s|\n", before)[-1]
    after = text[end:end + 40] if end is not None else ""
    year_alone = end is not None and bool(re.fullmatch(r"\d{4}", text[start:end]))
    return bool(_FUTURE_BEFORE.search(before) or _FUTURE_AFTER.search(after)
                or (year_alone and _PLANNED_AFTER_YEAR.search(after)))


def _from_trusted(exact: list[tuple[dt.date, str]], bnd: Bounds, peers: Sequence[Dated], doc: Document,
                  evidence: list[Evidence], context: Context) -> Dated:
    """Certain when the publication dates agree (a dateline may be a day early) and no strong upper bound
    contradicts them; else their span, uncertain."""
    published = sorted({d for d, k in exact if k != "dateline"})
    filed = sorted({d for d, k in exact if k == "dateline"})
    days = published or filed
    agree = len(days) == 1 and all(0 <= (days[0] - d).days <= DATELINE_LAG_DAYS for d in filed)
    sources = sorted({k for _, k in exact}, key=_ORDER.index)
    if context.original_date is not None:
        evidence.append(_copy_evidence(context, "the copy's own date is used"))
    for p in peers:
        lo, hi = bounds(p.interval)
        note = "agrees" if (lo is None or lo <= days[0]) and (hi is None or days[-1] <= hi) else \
            "disagrees: the publication date is kept"
        evidence.extend(_peer_evidence(p, note))
    if bnd.lo and days[0] < bnd.lo:
        evidence.append(_ev("conflict", "", bnd.lo, None, doc,
                            f"the evidence ({'+'.join(bnd.lo_by)}) puts it on or after {bnd.lo}; the publication "
                            "date is kept (a future mention? a wrong title?)"))
    strong_hi = bnd.strong_hi()
    everything = sorted({d for d, _ in exact})
    past_bound = strong_hi is not None and everything[-1] > strong_hi
    if agree and not past_bound:
        return _dated(days[0], days[0], True, sources[0], evidence)
    if past_bound:  # either the publication date or the page-render date is wrong: allow both readings
        lo, hi = (bnd.lo if bnd.lo and bnd.lo <= everything[0] else None), everything[-1]
        note = f"a publication date is after the upper bound {strong_hi}"
    else:
        lo, hi = everything[0], everything[-1]
        note = "publication dates disagree: " + ", ".join(f"{d} ({k})" for d, k in sorted(set(exact)))
    evidence.append(_ev("conflict", "", lo, hi, doc, note))
    return _dated(lo, hi, False, "+".join(sources), evidence)


def _copy_evidence(context: Context, how: str) -> Evidence:
    """The original's date, as evidence for its copy."""
    orig = context.original_date
    assert orig is not None
    return Evidence("copy", orig.date or "", orig.interval or Interval(None, None), context.original, None,
                    f"a copy of {context.original}, dated {orig.date or 'uncertain'} ({orig.source}"
                    f"{', certain' if orig.certain else ''}): {how}")


def _from_original(context: Context, bnd: Bounds, doc: Document, evidence: list[Evidence]) -> Dated | None:
    """A copy without a publication date of its own takes its original's date, when its own bounds allow it;
    an uncertain original's interval becomes a bound."""
    orig = context.original_date
    assert orig is not None
    lo, hi = bounds(orig.interval)
    if orig.certain and lo is None:
        lo = hi = day(orig.date)
    if not bnd.holds(lo, hi):
        evidence.append(_copy_evidence(context, "contradicts this copy's own evidence: not used"))
        return None
    strong_hi = bnd.strong_hi()
    if orig.certain and lo is not None and lo == hi and (strong_hi is None or lo <= strong_hi):
        evidence.insert(0, _copy_evidence(context, "taken"))
        return _dated(lo, lo, True, "copy", evidence)
    evidence.append(_copy_evidence(context, "its interval bounds this copy"))
    if lo:
        bnd.lower(lo, "copy")
    if hi:
        bnd.upper(hi, "copy")
    return None


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


def _from_bounds(doc: Document, timexes: Sequence[TimeExpression], bnd: Bounds, dl: Dateline | None,
                 evidence: list[Evidence]) -> Dated:
    """The date from a dateline without a year (and the lead's weekday) inside the bounds, else the bounds."""
    only_cluster = bnd.lo is not None and bnd.lo == bnd.hi and bnd.lo_by == ["cluster"] and bnd.hi_by == ["cluster"]
    if dl is None or dl.year:
        return _dated(bnd.lo, bnd.hi, only_cluster, _bounds_source(bnd), evidence)
    where = _sentence_at(doc, timexes, dl.start, dl.end)
    lo, hi = bnd.lo, bnd.hi
    if lo is None or hi is None:
        evidence.append(_ev("dateline", dl.text, None, None, doc,
                            "no year, and no evidence bounds the year from below: not used", where))
        return _dated(lo, hi, False, _bounds_source(bnd), evidence)
    days = _dateline_days(dl.month, dl.day, lo, hi)
    evidence.append(_ev("dateline", dl.text, days[0] if days else None, days[-1] if days else None, doc,
                        f"no year: {len(days)} possible day(s) between {lo} ({'+'.join(bnd.lo_by)}) and {hi} "
                        f"({'+'.join(bnd.hi_by)})", where))
    weekday = dl.weekday
    wd = None
    if weekday is None:
        wd = lead_weekday(doc.text, dl)
        weekday = wd.weekday if wd else None
    if weekday is not None:
        fits = [d for d in days if d.isoweekday() == weekday]
        text = wd.text if wd else dl.text
        note = (f"the lead's weekday taken as the dateline's day: years where {calendar.month_name[dl.month]} "
                f"{dl.day} is a {calendar.day_name[weekday - 1]}: {', '.join(str(d.year) for d in fits) or 'none'} "
                f"between {lo} and {hi}")
        span = (wd.start, wd.end) if wd else (dl.start, dl.end)
        evidence.append(_ev("weekday", text, fits[0] if fits else None, fits[-1] if fits else None, doc, note,
                            _sentence_at(doc, timexes, *span)))
        if len(fits) == 1 and _year_plausible(fits[0], timexes, doc, evidence):
            return _dated(fits[0], fits[0], True, "dateline+weekday", evidence)
    if len(days) == 1 and _year_plausible(days[0], timexes, doc, evidence):
        return _dated(days[0], days[0], True, "dateline+" + _bounds_source(bnd), evidence)
    if days:
        return _dated(days[0], days[-1], False, "dateline", evidence)
    evidence.append(_ev("conflict", dl.text, None, None, doc, "the dateline's day fits no possible year: not used"))
    return _dated(lo, hi, False, _bounds_source(bnd), evidence)


def _year_plausible(d: dt.date, timexes: Sequence[TimeExpression], doc: Document, evidence: list[Evidence]) -> bool:
    """Whether an inferred year agrees with the years the text names: an article rarely names only years long
    before its own (an old article read today must not be put in a recent year that happens to fit)."""
    years = [sp[1].year for t in timexes if (sp := absolute_span(t)) and sp[1].year - sp[0].year < 1]
    if not years or d.year <= max(years) + YEAR_GAP:
        return True
    evidence.append(_ev("conflict", str(max(years)), None, None, doc,
                        f"the latest year the text names is {max(years)}: {d.year} is doubtful, left uncertain"))
    return False


def _sentence_at(doc: Document, timexes: Sequence[TimeExpression], start: int, end: int) -> int | None:
    """The sentence index of [start, end) for the evidence's provenance: that of a time expression overlapping it,
    else that of the document's sentence holding its start (when the sentences are at hand)."""
    found = next((t.sentence for t in timexes if t.start < end and start < t.end), None)
    if found is None:
        found = next((s.index for s in doc.sentences if s.start <= start < s.end), None)
    return found


def _dateline_days(month: int, dom: int, lo: dt.date, hi: dt.date) -> list[dt.date]:
    """Every day with this month and day of month between lo and hi."""
    days = (month_day(y, month, dom) for y in range(lo.year, hi.year + 1))
    return [d for d in days if d and lo <= d <= hi]


def _bounds_source(bnd: Bounds) -> str:
    """A short name for what bounds the interval, e.g. 'latest-mention+rendered'."""
    parts = [*bnd.lo_by, *bnd.hi_by]
    return "+".join(dict.fromkeys(parts)) or "unknown"
