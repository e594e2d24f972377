"""Same-event clustering: event mentions from one or several documents that report one real-world event.

Two mentions are the same event when their categories are compatible, their dates can be the same day, their
manner does not differ (a phone call is not a visit), and they share enough: actors and words. Clustering is
incremental: events that already belong to a stored cluster stay there; each new event is compared with the
clusters an index files under its actors and rarest words in the weeks its date allows (storyline.cluster.index),
and joins the best matching one or starts its own. Documents joined by a shared cluster form one story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from storyline import lang
from storyline.cluster.index import Blocker, Work, event_keys, informative, week_range, weeks
from storyline.cluster.index import ends as _ends
from storyline.cluster.similarity import TextSimilarity
from storyline.cluster.terms import TermStats
from storyline.records import Cluster, Dated, Event, day
from storyline.settings import DEFAULT, Settings

# Categories that may name one event from two angles (one report codes a consultation, another its agreement).
SAME_EVENT = {category: frozenset(lang.items(groups)) for category, groups in lang.plover("same_event").items()}
REPRESENTATIVES = 24  # member texts a new event is compared with, at most (the first ones of a cluster)


@dataclass(frozen=True)
class Thresholds:
    """How much two mentions must share to be one event, by the number of actors they share."""

    two_actors: float = 0.35  # text similarity (cluster.similarity) needed when two or more actors are shared
    one_actor: float = 0.59
    no_actor: float = 0.77
    unknown_date: float = 0.59  # at least this much when one side has no usable date
    undated_other_report: float = 0.77  # ... and this much across reports, unless both name the same weekday
    dated_days: int = 45  # an uncertain interval wider than this does not count as a date


def thresholds(settings: Settings) -> Thresholds:
    """The clustering thresholds, overridable in the [cluster] section of the settings (settings.extra['cluster'])."""
    return Thresholds(**settings.extra.get("cluster", {}))


def compatible_categories(a: str | None, b: str | None) -> bool:
    """Whether two PLOVER categories can describe one event."""
    if not a or not b or a == b:
        return True
    return bool(SAME_EVENT.get(a, frozenset()) & SAME_EVENT.get(b, frozenset()))


WEEKDAYS = lang.full_names("weekday")  # ISO: Monday 1


def _weekdays(text: str) -> set[int]:
    """The weekdays a sentence names."""
    low = text.lower()
    return {i for name, i in WEEKDAYS.items() if name in low}


def _weekday_conflict(named: set[int], d: Dated | None) -> bool:
    """A sentence naming these weekdays, none of them the weekday of a certain day it is compared with."""
    when = day(d.date) if d is not None and d.certain else None
    return bool(named) and when is not None and when.isoweekday() not in named


def compatible_dates(a: Dated | None, b: Dated | None) -> bool:
    """Whether two dates can be the same day: certain days equal, intervals overlapping, an interval holding a day."""
    alo, ahi = _ends(a)
    blo, bhi = _ends(b)
    if alo and bhi and alo > bhi:
        return False
    return not (blo and ahi and blo > ahi)


def _modes_differ(a: str | None, b: str | None) -> bool:
    """Two known, different manners (phone vs visit)."""
    return bool(a and b and a != b)


def _actors(e: Event) -> set[str]:
    """The actors and recipients of an event."""
    return {x for x in (*e.actors, *e.recipients) if x}


@dataclass
class _Group:
    """A cluster being built: its id, members and what it carried from the store, with what scoring reads of
    its members kept up to date as they join."""

    id: str
    members: list[Event] = field(default_factory=list)
    stored: Cluster | None = None
    touched: bool = False  # it gained members in this run
    actors: set[str] = field(default_factory=set)
    agents: set[str] = field(default_factory=set)
    categories: set[str] = field(default_factory=set)
    modes: set[str] = field(default_factory=set)
    locations: set[str] = field(default_factory=set)
    dates: list[Dated] = field(default_factory=list)  # the members' informative dates
    weekdays: list[set[int]] = field(default_factory=list)  # per member: the weekdays its sentence names
    docs: set[str] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)  # distinct member texts, the first REPRESENTATIVES
    negated: bool = False
    background: bool = False  # made of background facts ('has faced sanctions'), not news

    def __post_init__(self) -> None:
        members, self.members = self.members, []
        for m in members:
            self.add(m)
        if not members and self.stored is not None:  # a stored cluster whose members were not given
            self.actors = set(self.stored.actors)
            self.categories = {self.stored.category} if self.stored.category else set()
            self.texts = [self.stored.summary] if self.stored.summary else []
            if informative(self.stored.date):
                self.dates = [self.stored.date] if self.stored.date else []

    def add(self, e: Event) -> None:
        """A member joins."""
        if not self.members and self.stored is not None:
            self.actors, self.categories, self.texts, self.dates = set(), set(), [], []
        self.members.append(e)
        self.actors |= _actors(e)
        self.agents |= {a for a in e.actors if a}
        if e.category:
            self.categories.add(e.category)
        if e.mode:
            self.modes.add(e.mode)
        if e.location:
            self.locations.add(e.location.lower())
        if informative(e.date) and e.date is not None:
            self.dates.append(e.date)
        self.weekdays.append(_weekdays(e.text))
        self.docs.add(e.doc)
        self.negated = self.negated or bool(e.negated)
        self.background = self.background or e.background
        if len(self.texts) < REPRESENTATIVES and e.text not in self.texts:
            self.texts.append(e.text)


def same_event_score(e: Event, g: _Group, sim: TextSimilarity, th: Thresholds) -> float:
    """How well an event fits a cluster: its text similarity when every constraint holds, else -1."""
    if any(not compatible_categories(e.category, c) for c in g.categories):
        return -1.0
    if e.mode and any(_modes_differ(e.mode, m) for m in g.modes):
        return -1.0
    if g.members and (bool(e.negated) != g.negated or e.background != g.background):
        return -1.0  # what did not happen, and what a report only recalls, are not the news it reports
    if e.location and g.locations and e.location.lower() not in g.locations:
        return -1.0
    if any(not compatible_dates(e.date, d) for d in g.dates):
        return -1.0
    named = _weekdays(e.text)
    if any(_weekday_conflict(named, d) for d in g.dates) or any(_weekday_conflict(w, e.date) for w in g.weekdays):
        return -1.0
    if named and any(w and not (w & named) for w in g.weekdays):
        return -1.0  # 'on Friday' and 'on Wednesday': two different days
    mine, theirs = _actors(e), g.actors
    shared = len(mine & theirs)
    if mine - theirs and theirs - mine:
        return -1.0  # each names someone the other does not: two different encounters
    if e.actors and g.agents and not (set(e.actors) & theirs or g.agents & mine):
        return -1.0
    need = th.two_actors if shared >= 2 else th.one_actor if shared == 1 else th.no_actor
    if not informative(e.date, th.dated_days) or not any(informative(d, th.dated_days) for d in g.dates):
        if e.doc not in g.docs:  # within one report, shared actors and category already say much
            same_weekday = any(w & named for w in g.weekdays)
            need = max(need, th.unknown_date if same_weekday else th.undated_other_report)
    text = sim.best(e.text, g.texts)
    return text + 0.1 * shared if text >= need else -1.0


class StoredClusters(Protocol):
    """Where clusters of earlier builds are looked up (the store implements it)."""

    def cluster_postings(self, ranges: dict[str, tuple[int | None, int | None]]) -> list[tuple[str, int, str]]:
        """(key, week, cluster) filed under the given keys within the given weeks (UNDATED always)."""
        ...

    def cluster_members(self, ids: Sequence[str]) -> list[Event]:
        """The member events of the given clusters."""
        ...


def filing(members: Sequence[Event], stats: TermStats) -> list[tuple[str, int]]:
    """The (key, week) postings a cluster with these members is filed under."""
    keys: dict[str, None] = {}
    buckets: dict[int, None] = {}
    for m in members[:REPRESENTATIVES]:
        keys.update(dict.fromkeys(event_keys(m, stats)))
    for m in members:
        buckets.update(dict.fromkeys(weeks(m.date)))
    dated = [b for b in buckets if b >= 0]
    return [(k, b) for k in keys for b in (dated or list(buckets))]


def assign(events: Sequence[Event], existing: Sequence[Cluster] = (), settings: Settings = DEFAULT,
           stats: TermStats | None = None, stored: StoredClusters | None = None,
           work: Work | None = None) -> list[Cluster]:
    """Clusters for the given events, joining existing clusters where they report the same event.

    Events whose `cluster` is set stay in that cluster; the others are placed, in document order, in the
    best-fitting cluster among those the index offers (stored clusters are looked up in `stored` when given),
    or start one. Word weights come from `stats` (else from the events' own texts). Every cluster that has
    members among the events, or that gained members, is returned with its documents, actors, category, summary
    and story; `existing` clusters without members are returned unchanged. `work` counts what was done.
    """
    th = thresholds(settings)
    work = work if work is not None else Work()
    if stats is None:
        stats = TermStats()
        stats.add(e.text for e in events)
    sim = TextSimilarity(stats, settings)
    groups: dict[str, _Group] = {c.id: _Group(c.id, [], c) for c in existing}
    fresh: list[Event] = []
    for e in events:
        if e.cluster:
            groups.setdefault(e.cluster, _Group(e.cluster)).add(e)
        else:
            fresh.append(e)
    fresh.sort(key=lambda x: (x.doc, x.sentence, x.id))
    keys = {e.id: event_keys(e, stats) for e in fresh}
    blocker = Blocker()
    if stored is not None:
        for key, bucket, cid in stored.cluster_postings(_ranges(fresh, keys)):
            blocker.file(cid, [key], [bucket])
    else:
        for g in groups.values():
            _file(blocker, g, stats)
    for e in fresh:
        work.events += 1
        if e.negated or e.hypothetical or e.future:
            g = groups[f"c-{e.id}"] = _Group(f"c-{e.id}", touched=True)  # what did not happen stays apart
            g.add(e)
            work.postings[g.id] = []  # never a candidate: not filed
            e.cluster = g.id
            continue
        lo, hi = week_range(e.date)
        cands = blocker.candidates(keys[e.id], lo, hi)
        missing = [c for c in cands if c not in groups]
        if missing and stored is not None:
            loaded = _load(stored, missing)
            groups.update(loaded)
            work.loaded += len(loaded)
        best, best_score = None, -1.0
        for cid in cands:
            found = groups.get(cid)
            if found is None:
                continue
            work.comparisons += 1
            s = same_event_score(e, found, sim, th)
            if s > best_score:
                best, best_score = found, s
        if best is None or best_score < 0:
            best = groups[f"c-{e.id}"] = _Group(f"c-{e.id}")
        best.add(e)
        best.touched = True
        e.cluster = best.id
        blocker.file(best.id, keys[e.id], weeks(e.date) if informative(e.date) else weeks(None))
    work.vectorized += sim.vectorized
    work.postings.update({g.id: filing(g.members, stats) for g in groups.values() if g.touched})
    clusters = [_finish(g) for g in groups.values() if g.members or g.stored is not None]
    stories(clusters)
    return clusters


def _ranges(fresh: Sequence[Event], keys: dict[str, list[str]]) -> dict[str, tuple[int | None, int | None]]:
    """For each key of the new events, the weeks any of them allows (open ends as None)."""
    out: dict[str, tuple[int | None, int | None]] = {}
    for e in fresh:
        lo, hi = week_range(e.date)
        for k in keys[e.id]:
            if k not in out:
                out[k] = (lo, hi)
                continue
            a, b = out[k]
            out[k] = (None if a is None or lo is None else min(a, lo), None if b is None or hi is None else max(b, hi))
    return out


def _load(stored: StoredClusters, ids: Iterable[str]) -> dict[str, _Group]:
    """Stored clusters with their members, read from the store."""
    out: dict[str, _Group] = {}
    for m in stored.cluster_members(list(ids)):
        if m.cluster:
            out.setdefault(m.cluster, _Group(m.cluster)).add(m)
    return out


def _file(blocker: Blocker, g: _Group, stats: TermStats) -> None:
    """File an in-memory cluster in the index."""
    if g.members:
        for key, bucket in filing(g.members, stats):
            blocker.file(g.id, [key], [bucket])
    elif g.stored is not None:
        keys = [f"a:{a.lower()}" for a in g.stored.actors]
        blocker.file(g.id, keys, weeks(g.stored.date))


def _finish(g: _Group) -> Cluster:
    """The Cluster record of a group."""
    if not g.members and g.stored is not None:
        return g.stored
    members = sorted(g.members, key=lambda m: (m.doc, m.sentence))
    cats = [m.category for m in members if m.category]
    category = max(dict.fromkeys(cats), key=cats.count) if cats else (g.stored.category if g.stored else "")
    actors: list[str] = []
    for m in members:
        actors.extend(a for a in (*m.actors, *m.recipients) if a and a not in actors)
    lead = _summary_member(members)
    date = g.stored.date if g.stored else None
    return Cluster(id=g.id, events=[m.id for m in members], documents=list(dict.fromkeys(m.doc for m in members)),
                   category=category, actors=actors, date=date, summary=lead.text.strip() if lead else "",
                   story=g.stored.story if g.stored else None)


def _summary_member(members: Sequence[Event]) -> Event | None:
    """The member that best speaks for the cluster: a certain date first, then the earliest sentence of its report
    (news leads summarise), then the most actors."""
    if not members:
        return None
    return min(members, key=lambda m: (not (m.date and m.date.certain), m.sentence, -len(_actors(m)), m.doc))


def stories(clusters: Sequence[Cluster]) -> None:
    """Group documents into stories: documents sharing a cluster are one story; set each cluster's story."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in clusters:
        docs = list(c.documents)
        for d in docs:
            find(d)
        for d in docs[1:]:
            ra, rb = find(docs[0]), find(d)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    for c in clusters:
        if c.documents:
            c.story = f"s-{find(c.documents[0])}"
