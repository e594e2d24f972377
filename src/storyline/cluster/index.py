"""Which clusters a new event is compared with: an index from keys and weeks to clusters.

A cluster is filed under keys, its actors ('a:xi jinping') and the rarest words of its reports ('t:olymp'), each
in the weeks its dated reports allow (or under UNDATED when none narrows it down). An event is compared only with
the clusters filed under one of its own keys in the weeks its date allows, the clusters sharing most keys first,
at most `limit` of them: the work per event stays bounded however large the store grows. The store keeps the
same postings (table cluster_keys), so a later build looks up the clusters its new events may join instead of
loading them all.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from storyline.cluster.terms import TermStats, top_terms
from storyline.records import Dated, Event, day

UNDATED = -1  # the bucket of clusters whose reports do not narrow their date down
EPOCH = dt.date(1970, 1, 5)  # a Monday: weeks run Monday to Sunday
WIDEST_DAYS = 45  # a date interval wider than this does not narrow an event down


def ends(d: Dated | None) -> tuple[dt.date | None, dt.date | None]:
    """The days a date allows, as an interval (open ends as None)."""
    if d is None:
        return None, None
    if d.certain and day(d.date):
        return day(d.date), day(d.date)
    if d.interval is not None:
        return day(d.interval.lo), day(d.interval.hi)
    return None, None


def informative(d: Dated | None, days: int = WIDEST_DAYS) -> bool:
    """Whether a date narrows the event down: certain, or an interval of at most `days` days."""
    if d is not None and d.certain and day(d.date):
        return True
    lo, hi = ends(d)
    return lo is not None and hi is not None and (hi - lo).days <= days


def week(d: dt.date) -> int:
    """The week number of a day."""
    return (d - EPOCH).days // 7


def weeks(d: Dated | None) -> list[int]:
    """The weeks an informative date spans; [UNDATED] for any other."""
    if not informative(d):
        return [UNDATED]
    lo, hi = ends(d)
    assert lo is not None and hi is not None
    return list(range(week(lo), week(hi) + 1))


def week_range(d: Dated | None) -> tuple[int | None, int | None]:
    """The weeks an event's date allows, open ends as None."""
    lo, hi = ends(d)
    return (week(lo) if lo else None), (week(hi) if hi else None)


def event_keys(e: Event, stats: TermStats, words: int = 3) -> list[str]:
    """The keys an event is filed and looked up under: its actors and its rarest words."""
    actors = [f"a:{x.lower()}" for x in dict.fromkeys((*e.actors, *e.recipients)) if x]
    return actors + [f"t:{w}" for w in top_terms(e.text, stats, words)]


@dataclass
class Work:
    """What clustering did: the figures that show how it grows with the corpus."""

    events: int = 0  # events placed
    comparisons: int = 0  # event-cluster scores computed
    vectorized: int = 0  # texts turned into vectors
    loaded: int = 0  # stored clusters brought in from the store because a new event may join them
    postings: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # (key, week) of clusters that grew


class Blocker:
    """Postings from (key, week) to cluster ids, and the candidate clusters of an event."""

    def __init__(self, limit: int = 48, per_key: int = 200) -> None:
        self.limit = limit  # clusters compared per event at most
        self.per_key = per_key  # clusters gathered per key at most, nearest weeks first
        self.postings: dict[str, dict[int, list[str]]] = defaultdict(dict)
        self.sorted_weeks: dict[str, list[int]] = defaultdict(list)
        self.filed: set[tuple[str, int, str]] = set()
        self.order: dict[str, int] = {}  # cluster id -> when it was first filed (ties go to the older)

    def file(self, cluster: str, keys: Iterable[str], buckets: Iterable[int]) -> None:
        """File a cluster under keys in weeks."""
        self.order.setdefault(cluster, len(self.order))
        for k in keys:
            for b in buckets:
                if (k, b, cluster) in self.filed:
                    continue
                self.filed.add((k, b, cluster))
                slot = self.postings[k]
                if b not in slot:
                    slot[b] = []
                    bisect.insort(self.sorted_weeks[k], b)
                slot[b].append(cluster)

    def _near(self, key: str, lo: int | None, hi: int | None) -> Iterable[str]:
        """Clusters filed under a key in weeks [lo, hi] (open ends unbounded), latest weeks first, then UNDATED."""
        ws = self.sorted_weeks.get(key, [])
        i = bisect.bisect_left(ws, lo if lo is not None else UNDATED + 1)
        j = bisect.bisect_right(ws, hi) if hi is not None else len(ws)
        slot = self.postings[key]
        for b in reversed(ws[max(i, 0):j]):
            if b != UNDATED:
                yield from reversed(slot[b])
        yield from reversed(slot.get(UNDATED, []))

    def candidates(self, keys: Sequence[str], lo: int | None, hi: int | None) -> list[str]:
        """The clusters an event with these keys and weeks [lo, hi] may join: most shared keys first (actors
        count double), at most `limit`."""
        score: dict[str, int] = defaultdict(int)
        for k in keys:
            weight = 2 if k.startswith("a:") else 1
            seen = 0
            for c in dict.fromkeys(self._near(k, lo, hi)):
                score[c] += weight
                seen += 1
                if seen >= self.per_key:
                    break
        ranked = sorted(score, key=lambda c: (-score[c], self.order.get(c, 0)))
        return ranked[:self.limit]
