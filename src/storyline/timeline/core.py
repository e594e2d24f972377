"""Timeline selection (placeholder until the timeline work lands: one entry per cluster)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storyline.records import Cluster, Event, Interval, TimelineEntry


@dataclass
class Query:
    """What part of the store a timeline covers, and its size."""

    query: str | None = None  # keywords
    actor: str | None = None
    category: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    dates: int | None = None  # how many dates at most
    sentences_per_date: int = 1


def build(clusters: Sequence[Cluster], events: Sequence[Event], query: Query) -> list[TimelineEntry]:
    """Timeline entries for the clusters that match the query, in date order."""
    by_id = {e.id: e for e in events}
    out = []
    for c in clusters:
        d = c.date
        iv: Interval | None = d.interval if d else None
        members = [by_id[i] for i in c.events if i in by_id]
        out.append(TimelineEntry(
            date=d.date if d else None, certain=bool(d and d.certain),
            interval=[iv.lo, iv.hi] if iv else None, summary=c.summary, category=c.category, actors=c.actors,
            documents=c.documents, evidence=[{"document": e.doc, "sentence": e.sentence, "text": e.text} for e in members],
            cluster=c.id))
    out.sort(key=lambda t: (t.date or (t.interval[0] if t.interval and t.interval[0] else "9999")))
    return out
