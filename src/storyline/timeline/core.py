"""The timeline of a store: one entry per real-world event (cluster), filtered by a query and cut to size.

Only what happened becomes an entry: clusters made only of negated, hypothetical or future mentions are left
out. With `dates` set, the dates that matter most are kept: those reported by the most documents and mentions.
Each entry's summary is its best-evidenced sentence, followed by up to `sentences_per_date - 1` further sentences
from other reports of the same event; every sentence is listed in the evidence with its document and index.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.records import Cluster, Event, TimelineEntry, iso_span


@dataclass
class Query:
    """What part of the store a timeline covers, and its size."""

    query: str | None = None  # keywords: every word must occur in the entry's sentences or actors
    actor: str | None = None  # part of an actor's name, any case
    category: str | None = None  # a PLOVER category
    date_from: str | None = None  # YYYY-MM-DD (or YYYY-MM, YYYY): entries whose days reach this far
    date_to: str | None = None
    dates: int | None = None  # how many dates at most (the most reported are kept)
    sentences_per_date: int = 1  # summary sentences per entry


def _bound(s: str | None, end: bool) -> dt.date | None:
    """A query bound as a day: YYYY-MM-DD, or the first/last day of YYYY-MM or YYYY."""
    sp = iso_span(s)
    return sp[1 if end else 0] if sp else None


def _span(c: Cluster) -> tuple[dt.date | None, dt.date | None]:
    """The days a cluster's date allows (None where open or unknown)."""
    return c.date.days() if c.date is not None else (None, None)


def _is_fact(members: Sequence[Event]) -> bool:
    """Whether at least one report states the event as having happened."""
    return any(not (m.negated or m.hypothetical or m.future) for m in members)


def matches(c: Cluster, members: Sequence[Event], q: Query) -> bool:
    """Whether a cluster answers the query's filters."""
    if q.category and (c.category or "").upper() != q.category.upper():
        return False
    names = [a.lower() for a in c.actors]
    if q.actor and not any(q.actor.lower() in n for n in names):
        return False
    if q.query:
        hay = " ".join([c.summary or "", *(m.text for m in members), *names]).lower()
        if not all(w in hay for w in q.query.lower().split()):
            return False
    lo_q, hi_q = _bound(q.date_from, False), _bound(q.date_to, True)
    if lo_q or hi_q:
        lo, hi = _span(c)
        if lo is None and hi is None:
            return False
        if lo_q and hi is not None and hi < lo_q:
            return False
        if hi_q and lo is not None and lo > hi_q:
            return False
    return True


def _weight(c: Cluster, members: Sequence[Event]) -> float:
    """How much an event was reported: documents first, then mentions."""
    return len(c.documents) + 0.1 * len(members)


def _sort_key(t: TimelineEntry) -> tuple[str, str]:
    """Entries by date (undated last), then by their first interval day."""
    lo = t.interval[0] if t.interval and t.interval[0] else None
    return (t.date or lo or "9999", t.cluster or "")


def _entry(c: Cluster, members: Sequence[Event], k: int) -> TimelineEntry:
    """A timeline entry for a cluster with up to k summary sentences from distinct reports."""
    facts = [m for m in members if not (m.negated or m.hypothetical or m.future)]
    lead = next((m for m in facts if m.text.strip() == (c.summary or "").strip()), facts[0] if facts else None)
    chosen: list[Event] = [lead] if lead else []
    for m in sorted(facts, key=lambda m: (not (m.date and m.date.certain), m.doc, m.sentence)):
        if len(chosen) >= max(1, k):
            break
        if all(m.doc != x.doc and m.text.strip() != x.text.strip() for x in chosen):
            chosen.append(m)
    summary = " ".join(m.text.strip() for m in chosen) if chosen else (c.summary or "")
    d = c.date
    iv = d.interval if d else None
    evidence, seen = [], set()
    for m in members:
        if (m.doc, m.sentence) in seen:
            continue
        seen.add((m.doc, m.sentence))
        evidence.append({"document": m.doc, "sentence": m.sentence, "start": m.start, "end": m.end, "text": m.text,
                         "in_summary": any(m.doc == x.doc and m.sentence == x.sentence for x in chosen)})
    if d is not None:
        evidence += [{"document": e.doc, "sentence": e.sentence, "date_evidence": e.kind, "text": e.text,
                      "note": e.note} for e in d.evidence if e.doc]
    return TimelineEntry(date=d.date if d else None, certain=bool(d and d.certain),
                         interval=[iv.lo, iv.hi] if iv and (iv.lo or iv.hi) else None, summary=summary,
                         category=c.category, actors=list(c.actors), documents=list(c.documents),
                         evidence=evidence, cluster=c.id)


def build(clusters: Sequence[Cluster], events: Sequence[Event], query: Query) -> list[TimelineEntry]:
    """Timeline entries for the clusters that match the query, cut to the most reported dates, in date order."""
    by_id = {e.id: e for e in events}
    picked: list[tuple[Cluster, list[Event]]] = []
    for c in clusters:
        members = [by_id[i] for i in c.events if i in by_id]
        if members and not _is_fact(members):
            continue
        if matches(c, members, query):
            picked.append((c, members))
    if query.dates is not None:
        weight: dict[str | None, float] = defaultdict(float)
        for c, members in picked:
            weight[c.date.date if c.date else None] += _weight(c, members)
        keep = set(sorted(weight, key=lambda d: (d is None, -weight[d], d or ""))[:max(0, query.dates)])
        picked = [(c, m) for c, m in picked if (c.date.date if c.date else None) in keep]
    out = [_entry(c, members, query.sentences_per_date) for c, members in picked]
    out.sort(key=_sort_key)
    return out
