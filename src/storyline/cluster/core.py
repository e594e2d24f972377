"""Same-event clustering: event mentions from one or several documents that report one real-world event.

Two mentions are the same event when their categories are compatible, their dates can be the same day, their
manner does not differ (a phone call is not a visit), and they share enough: actors and words. Clustering is
incremental: events that already belong to a stored cluster stay there; each new event joins the best matching
cluster or starts its own. Documents joined by a shared cluster form one story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.cluster.similarity import TextSimilarity
from storyline.records import Cluster, Dated, Event
from storyline.settings import DEFAULT, Settings

# Categories that may name one event from two angles (one report codes a consultation, another its agreement).
COMPATIBLE = [
    {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"},
    {"ASSAULT", "FIGHT", "COERCE"},
    {"MOBILIZE", "THREATEN"},
    {"ACCUSE", "REJECT", "DISAPPROVE", "THREATEN"},
]


@dataclass(frozen=True)
class Thresholds:
    """How much two mentions must share to be one event, by the number of actors they share."""

    two_actors: float = 0.12  # text similarity needed when two or more actors are shared
    one_actor: float = 0.35
    no_actor: float = 0.6
    unknown_date: float = 0.35  # at least this much when one side has no usable date
    undated_other_report: float = 0.6  # ... and this much across reports, unless both name the same weekday
    dated_days: int = 45  # an uncertain interval wider than this does not count as a date


def thresholds(settings: Settings) -> Thresholds:
    """The clustering thresholds, overridable through settings.extra['cluster']."""
    return Thresholds(**settings.extra.get("cluster", {}))


def compatible_categories(a: str | None, b: str | None) -> bool:
    """Whether two PLOVER categories can describe one event."""
    if not a or not b or a == b:
        return True
    return any(a in g and b in g for g in COMPATIBLE)


def _day(s: str | None) -> dt.date | None:
    """An ISO day, else None."""
    try:
        return dt.date.fromisoformat(s) if s and len(s) == 10 else None
    except ValueError:
        return None


def _ends(d: Dated | None) -> tuple[dt.date | None, dt.date | None]:
    """The days a date allows, as an interval (open ends as None)."""
    if d is None:
        return None, None
    if d.certain and _day(d.date):
        return _day(d.date), _day(d.date)
    if d.interval is not None:
        return _day(d.interval.lo), _day(d.interval.hi)
    return None, None


def informative(d: Dated | None, days: int = 45) -> bool:
    """Whether a date narrows the event down: certain, or an interval of at most `days` days."""
    if d is not None and d.certain and _day(d.date):
        return True
    lo, hi = _ends(d)
    return lo is not None and hi is not None and (hi - lo).days <= days


WEEKDAYS = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                              "sunday"))}


def _weekdays(text: str) -> set[int]:
    """The weekdays a sentence names."""
    low = text.lower()
    return {i for name, i in WEEKDAYS.items() if name in low}


def _weekday_conflict(text: str, d: Dated | None) -> bool:
    """A sentence that names weekdays, none of them the weekday of a certain day it is compared with."""
    if d is None or not d.certain or not _day(d.date):
        return False
    named = _weekdays(text)
    day = _day(d.date)
    return bool(named) and day is not None and day.weekday() not in named


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
    """A cluster being built: its id, members and what it carried from the store."""

    id: str
    members: list[Event]
    stored: Cluster | None = None

    def actors(self) -> set[str]:
        if self.members:
            return set().union(*(_actors(m) for m in self.members))
        return set(self.stored.actors) if self.stored else set()

    def texts(self) -> list[str]:
        out = [m.text for m in self.members]
        return out or ([self.stored.summary] if self.stored and self.stored.summary else [])

    def dates(self) -> list[Dated | None]:
        out = [m.date for m in self.members if informative(m.date)]
        if not out and self.stored is not None and informative(self.stored.date):
            out = [self.stored.date]
        return out

    def categories(self) -> set[str]:
        cats = {m.category for m in self.members if m.category}
        return cats or ({self.stored.category} if self.stored and self.stored.category else set())

    def modes(self) -> set[str]:
        return {m.mode for m in self.members if m.mode}

    def agents(self) -> set[str]:
        return {a for m in self.members for a in m.actors if a}

    def locations(self) -> set[str]:
        return {m.location.lower() for m in self.members if m.location}


def same_event_score(e: Event, g: _Group, sim: TextSimilarity, th: Thresholds) -> float:
    """How well an event fits a cluster: its text similarity when every constraint holds, else -1."""
    if any(not compatible_categories(e.category, c) for c in g.categories()):
        return -1.0
    if e.mode and any(_modes_differ(e.mode, m) for m in g.modes()):
        return -1.0
    if bool(e.negated) != any(m.negated for m in g.members) and g.members:
        return -1.0
    if e.location and g.locations() and e.location.lower() not in g.locations():
        return -1.0
    dates = g.dates()
    if any(not compatible_dates(e.date, d) for d in dates):
        return -1.0
    if any(_weekday_conflict(e.text, d) for d in dates) or any(_weekday_conflict(m.text, e.date) for m in g.members):
        return -1.0
    named = _weekdays(e.text)
    if named and any(_weekdays(m.text) and not (_weekdays(m.text) & named) for m in g.members):
        return -1.0  # 'on Friday' and 'on Wednesday': two different days
    mine, theirs = _actors(e), g.actors()
    shared = len(mine & theirs)
    if mine - theirs and theirs - mine:
        return -1.0  # each names someone the other does not: two different encounters
    if e.actors and g.agents() and not (set(e.actors) & theirs or g.agents() & mine):
        return -1.0
    text = sim.best(e.text, g.texts())
    need = th.two_actors if shared >= 2 else th.one_actor if shared == 1 else th.no_actor
    if not informative(e.date, th.dated_days) or not any(informative(d, th.dated_days) for d in dates):
        same_report = any(m.doc == e.doc for m in g.members)
        same_weekday = any(_weekdays(m.text) & named for m in g.members)
        if not same_report:  # within one report, shared actors and category already say much
            need = max(need, th.unknown_date if same_weekday else th.undated_other_report)
    return text + 0.1 * shared if text >= need else -1.0


def assign(events: Sequence[Event], existing: Sequence[Cluster], settings: Settings = DEFAULT) -> list[Cluster]:
    """Clusters for the given events, joining existing clusters where they report the same event.

    Events whose `cluster` names an existing cluster stay in it; the others are assigned, in document order, to
    the best-fitting cluster (existing or new), or start one. Every cluster that has members is returned, with
    its documents, actors, category, summary and story; stored clusters without members are returned unchanged.
    """
    th = thresholds(settings)
    groups: dict[str, _Group] = {c.id: _Group(c.id, [], c) for c in existing}
    fresh: list[Event] = []
    for e in events:
        if e.cluster and e.cluster in groups:
            groups[e.cluster].members.append(e)
        else:
            fresh.append(e)
    # similarity (TF-IDF, and embeddings when installed) serves only to place new events: none, none built
    sim = TextSimilarity([e.text for e in events] + [t for g in groups.values() for t in g.texts()],
                         settings) if fresh else None
    for e in sorted(fresh, key=lambda x: (x.doc, x.sentence, x.id)):
        if e.negated or e.hypothetical or e.future:
            g = _Group(f"c-{e.id}", [e])  # what did not (yet) happen is never merged into what did
            groups[g.id] = g
            e.cluster = g.id
            continue
        best, best_score = None, -1.0
        for g in groups.values():
            s = same_event_score(e, g, sim, th)
            if s > best_score:
                best, best_score = g, s
        if best is None or best_score < 0:
            best = _Group(f"c-{e.id}", [])
            groups[best.id] = best
        best.members.append(e)
        e.cluster = best.id
    clusters = [_finish(g) for g in groups.values()]
    stories(clusters)
    return clusters


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
