"""Which days matter, and which sentences say what happened on each.

A day matters when many documents point at it: sentences whose time expression names the day, events dated to
it (each report of a clustered event counts), documents written later that still mention it (a day people look
back to), and documents published on it. The first sentences of a report that name no day of their own speak for
its publication day and the day before (news leads tell the day's news).

The sentences that summarize a day are chosen greedily so that together they stay closest to the centroid of
everything said about that day (centroid optimisation over TF-IDF vectors of stemmed words, weighted by the
store's word statistics), from distinct reports, skipping sentences too close to one already chosen for
another day.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.cluster.terms import TermStats, Vector, dot, vector

LEAD = 5  # the first sentences of a report that speak for its publication day
PUBLISHED_DAYS = 2  # ... and for the days before it, this one included
LOOK_BACK_YEARS = 10  # a day named further from its report than this is not counted
_CHROME = re.compile(r"@\w|https?://|www\.|\.(?:com|co\.uk|org)\b", re.I)  # e-mail addresses, links: page chrome
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# a page's date stamp glued between a headline and the article's first sentence ('... Sunday 26 April 2009
# 18.45 BST People wear masks ...'): what follows it is the sentence the report tells
_STAMP = re.compile(rf"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? \d{{1,2}} (?:{_MONTHS}),? \d{{4}}"
                    r",? \d{1,2}[.:]\d{2} ?(?:[AP]M|BST|GMT|UTC|[ECMP][SD]?T|CES?T)\s+")


def told_span(text: str, at: int | None = None, min_words: int = 5) -> tuple[int, int]:
    """The part of a run of page text that is the sentence a report tells, split at the date stamps glued into
    it (headline, stamp, first sentence): the part holding offset `at` (an event's trigger), else the last part;
    the whole text when that part is shorter than min_words."""
    parts, begin = [], 0
    for m in _STAMP.finditer(text):
        parts.append((begin, m.start()))
        begin = m.end()
    if not parts:
        return 0, len(text)
    parts.append((begin, len(text)))
    a, b = next((p for p in parts if at is not None and p[0] <= at < p[1]), parts[-1])
    return (a, b) if len(text[a:b].split()) >= min_words else (0, len(text))


@dataclass(frozen=True)
class Point:
    """One sentence pointing at one day: by a time expression ('timex'), an event dated to the day ('event'), or
    as the lead of a report published that day ('lead')."""

    day: dt.date
    doc: str
    sentence: int
    kind: str
    certain: bool


@dataclass
class Candidate:
    """A sentence that may speak for a day."""

    doc: str
    sentence: int
    text: str = ""
    named: bool = False  # its own time expression or event date names the day
    certain: bool = False  # ... for certain


@dataclass
class DayStats:
    """What the corpus says about one day."""

    mention_docs: set[str] = field(default_factory=set)
    later_docs: set[str] = field(default_factory=set)  # documents published after the day that name it
    published_docs: set[str] = field(default_factory=set)
    event_docs: set[str] = field(default_factory=set)  # documents reporting an event dated to the day
    candidates: dict[tuple[str, int], Candidate] = field(default_factory=dict)


@dataclass(frozen=True)
class Weights:
    """How much each signal counts in a day's salience."""

    later: float = 0.5
    published: float = 0.5
    events: float = 0.5


def day_stats(points: Iterable[Point], published: dict[str, dt.date],
              earliest: dict[str, dt.date] | None = None) -> dict[dt.date, DayStats]:
    """Per day: who points at it, and the sentences that may speak for it. `published` holds the documents
    published on a known day, `earliest` the first day each document may have been published on (a document
    that cannot be older than a day it names looks back to it, or was published on it)."""
    stats: dict[dt.date, DayStats] = defaultdict(DayStats)
    named: set[tuple[str, int]] = set()
    leads: list[Point] = []
    earliest = published if earliest is None else earliest
    for p in points:
        if p.kind == "lead":
            leads.append(p)
            continue
        first = earliest.get(p.doc)
        if first is not None and abs((p.day - first).days) > 365 * LOOK_BACK_YEARS:
            continue
        named.add((p.doc, p.sentence))
        s = stats[p.day]
        s.mention_docs.add(p.doc)
        if p.kind == "event":
            s.event_docs.add(p.doc)
        if first is not None and (first > p.day or (first == p.day and published.get(p.doc) != p.day)):
            s.later_docs.add(p.doc)
        c = s.candidates.setdefault((p.doc, p.sentence), Candidate(p.doc, p.sentence))
        c.named = True
        c.certain = c.certain or p.certain
    for doc, day in published.items():
        stats[day].published_docs.add(doc)
    for p in leads:
        if (p.doc, p.sentence) in named:
            continue
        for back in range(PUBLISHED_DAYS):
            stats[p.day - dt.timedelta(days=back)].candidates.setdefault((p.doc, p.sentence),
                                                                         Candidate(p.doc, p.sentence))
    return stats


def score(s: DayStats, w: Weights = Weights()) -> float:
    """How much a day matters."""
    return (len(s.mention_docs) + w.later * len(s.later_docs) + w.published * len(s.published_docs)
            + w.events * len(s.event_docs))


def rank(stats: dict[dt.date, DayStats], w: Weights = Weights()) -> list[dt.date]:
    """Days by salience, most salient first (earlier first on ties)."""
    return sorted(stats, key=lambda d: (-score(stats[d], w), d))


class Summarizer:
    """Centroid-optimising choice of the sentences that summarize each day, over one timeline."""

    def __init__(self, stats: TermStats, redundancy: float = 0.5, min_words: int = 5, max_words: int = 60):
        self.stats = stats
        self.redundancy = redundancy
        self.min_words = min_words
        self.max_words = max_words
        self.chosen: list[Vector] = []  # sentences already in the timeline

    def allowed(self, text: str, keywords: Sequence[str]) -> bool:
        """A sentence of a sensible length, no address or link in it (page chrome), that names one of the
        keywords (when there are any)."""
        n = len(text.split())
        if n < self.min_words or n > self.max_words or _CHROME.search(text):
            return False
        low = text.lower()
        return not keywords or any(k in low for k in keywords)

    def pick(self, candidates: Sequence[Candidate], k: int, keywords: Sequence[str] = (),
             named_weight: float = 1.0) -> list[Candidate]:
        """Up to k candidates from distinct reports whose sum stays closest to the candidates' centroid, none
        repeating a sentence chosen before (for this day or another)."""
        if not candidates or k <= 0:
            return []
        vecs = [vector(c.text, self.stats) for c in candidates]
        centroid: dict[int, float] = defaultdict(float)
        for c, v in zip(candidates, vecs, strict=True):
            w = named_weight if c.named else 1.0
            for f, x in v.items():
                centroid[f] += w * x
        norm = math.sqrt(sum(x * x for x in centroid.values()))
        if norm == 0:
            return []
        centroid = {f: x / norm for f, x in centroid.items()}
        seen: set[str] = set()
        pool = []
        for i, c in enumerate(candidates):
            key = " ".join(c.text.lower().split())
            if key in seen or not vecs[i] or not self.allowed(c.text, keywords):
                continue
            seen.add(key)
            if any(dot(vecs[i], old) > self.redundancy for old in self.chosen):
                continue
            pool.append(i)
        to_centroid = {i: dot(vecs[i], centroid) for i in pool}
        picked: list[int] = []
        total: dict[int, float] = {}
        total_sq = total_c = 0.0
        docs: set[str] = set()
        for _ in range(k):
            best, best_sim = None, -1.0
            for i in pool:
                if i in picked or candidates[i].doc in docs:
                    continue
                if any(dot(vecs[i], vecs[j]) > self.redundancy for j in picked):
                    continue  # another outlet's copy of a sentence already picked
                cross = dot(vecs[i], total)
                sim = (total_c + to_centroid[i]) / math.sqrt(max(total_sq + 2 * cross + 1.0, 1e-12))
                if sim > best_sim:
                    best, best_sim = i, sim
            if best is None:
                break
            picked.append(best)
            docs.add(candidates[best].doc)
            total_sq += 2 * dot(vecs[best], total) + 1.0
            total_c += to_centroid[best]
            for f, x in vecs[best].items():
                total[f] = total.get(f, 0.0) + x
        self.chosen.extend(vecs[i] for i in picked)
        return [candidates[i] for i in picked]
