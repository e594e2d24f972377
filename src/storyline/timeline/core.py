"""The timeline: the storyline of a store (the days that matter, what happened on each, who did what to whom), or
with `all` the full event log (one entry per real-world event, every cluster).

The storyline ranks days by salience (storyline.timeline.salience): how many documents point at a day, how many
written later still do, how many were published on it, how many report an event dated to it. With `dates` = N
it keeps the N most salient days; without, the days that stand out in this corpus. Each day says what happened:
with `sentences_per_date` = K, K sentences from distinct reports chosen near the centroid of what the corpus says
about the day; without, one entry per event reported for that day (and one sentence where no event is coded).
Sentences that report one event (one cluster, or clusters of one day with the same actors, compatible categories
and similar words) make one entry, showing who acted and on whom. What did not happen (negated, hypothetical,
future) and what a report only recalls (background facts) are left out; every sentence is given with its document
and offsets.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, TypeVar

from storyline.cluster.core import compatible_categories
from storyline.cluster.similarity import TextSimilarity
from storyline.cluster.terms import TermStats
from storyline.dating.events import trigger_at
from storyline.records import Cluster, Dated, Event, Evidence, Interval, Sentence, TimelineEntry, iso_span
from storyline.timeline.salience import (
    PUBLISHED_DAYS,
    Candidate,
    DayStats,
    Point,
    Summarizer,
    day_stats,
    rank,
    score,
    told_span,
)

SAME_DAY_TEXT = 0.35  # similarity at which two clusters of one day, with compatible actors, are one event
WEEK = 7  # days: an event of uncertain day may be one told on a day only when dated within a week
EVENTS_A_DAY = 3  # entries a storyline gives a day when no number of sentences is asked: the most reported


@dataclass
class Query:
    """What part of the store a timeline covers, and its size."""

    query: str | None = None  # keywords: every word must occur in the entry's sentences or actors
    actor: str | None = None  # part of an actor's name, any case
    category: str | None = None  # a PLOVER category
    date_from: str | None = None  # YYYY-MM-DD (or YYYY-MM, YYYY): entries whose days reach this far
    date_to: str | None = None
    dates: int | None = None  # how many days (the most salient are kept); None: the days that stand out
    sentences_per_date: int | None = None  # sentences per day; None: one entry per event of the day
    keywords: tuple[str, ...] = ()  # the topic: summary sentences name at least one of these words
    all: bool = False  # the full event log: every real-world event, no selection
    actor_names: frozenset[str] | None = None  # the names `actor` stands for (a country's people), when known


class Source(Protocol):
    """What the storyline reads from a store."""

    def timeline_points(self, date_from: str | None, date_to: str | None,
                        words: Sequence[str]) -> list[tuple[str, str, int, str, bool, str | None]]:
        """(day, document, sentence, kind, certain, event id) for every sentence pointing at one day."""
        ...

    def published_spans(self) -> dict[str, tuple[str, str | None]]:
        """The first and last days every document may have been published on, when the first is known."""
        ...

    def sentences_at(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Sentence]:
        """The given sentences."""
        ...

    def events_at(self, keys: Sequence[tuple[str, int]]) -> list[Event]:
        """The events of the given sentences."""
        ...

    def news_events(self, date_from: str | None, date_to: str | None) -> list[Event]:
        """Events that happened, told as news (not background), dated by a time expression of their own or
        relative to another event, whatever their interval."""
        ...

    def term_counts(self) -> tuple[int, bytes | None]:
        """The store's word statistics."""
        ...


def _bound(s: str | None, end: bool) -> dt.date | None:
    """A query bound as a day: YYYY-MM-DD, or the first/last day of YYYY-MM or YYYY."""
    sp = iso_span(s)
    return sp[1 if end else 0] if sp else None


def _span(d: Dated | None) -> tuple[dt.date | None, dt.date | None]:
    """The days a date allows (None where open or unknown)."""
    return d.days() if d is not None else (None, None)


def _is_fact(e: Event) -> bool:
    """A report that the event happened."""
    return not (e.negated or e.hypothetical or e.future)


def _in_range(lo: dt.date | None, hi: dt.date | None, q: Query) -> bool:
    """Whether the days [lo, hi] reach into the query's date range (an unknown date does not, when one is set)."""
    lo_q, hi_q = _bound(q.date_from, False), _bound(q.date_to, True)
    if not (lo_q or hi_q):
        return True
    if lo is None and hi is None:
        return False
    return not ((lo_q and hi is not None and hi < lo_q) or (hi_q and lo is not None and lo > hi_q))


def _names(q: Query) -> set[str] | None:
    """The lowercased names an actor query stands for."""
    if not q.actor:
        return None
    return {n.lower() for n in q.actor_names} if q.actor_names else {q.actor.lower()}


def _actor_match(actors: Iterable[str], names: set[str] | None, q: Query) -> bool:
    """Whether any of the actors answers the actor query (its names, or a part of a name)."""
    if names is None:
        return True
    low = [a.lower() for a in actors]
    return any(a in names or (q.actor or "").lower() in a for a in low)


def matches(c: Cluster, members: Sequence[Event], q: Query) -> bool:
    """Whether a cluster answers the query's filters."""
    if q.category and (c.category or "").upper() != q.category.upper():
        return False
    if not _actor_match(c.actors, _names(q), q):
        return False
    if q.query:
        hay = " ".join([c.summary or "", *(m.text for m in members), *(a.lower() for a in c.actors)]).lower()
        if not all(w in hay for w in q.query.lower().split()):
            return False
    return _in_range(*_span(c.date), q)


# --- entries -----------------------------------------------------------------------------------------------------


def _parties(members: Sequence[Event]) -> tuple[list[str], list[str]]:
    """Who acted and on whom, over the members (someone who acts in one report stays an actor)."""
    agents = list(dict.fromkeys(a for m in members for a in m.actors if a))
    recipients = list(dict.fromkeys(r for m in members for r in m.recipients if r and r not in agents))
    return agents, recipients


_Told = TypeVar("_Told", Sentence, Event)


def _told(s: _Told) -> _Told:
    """A sentence (or an event's sentence) trimmed to what the report tells: without a headline and date stamp
    glued before it; offsets follow."""
    at = trigger_at(s) - s.start if isinstance(s, Event) else None
    a, b = told_span(s.text, at)
    return replace(s, start=s.start + a, end=s.start + b, text=s.text[a:b]) if (a, b) != (0, len(s.text)) else s


def _sentence_row(s: Sentence | Event) -> dict:
    """A summary sentence with its provenance."""
    doc = s.doc
    index = s.index if isinstance(s, Sentence) else s.sentence
    return {"document": doc, "sentence": index, "start": s.start, "end": s.end, "text": s.text.strip()}


def _date_fields(d: Dated | None) -> tuple[str | None, bool, list[str | None] | None]:
    """date, certain and interval of an entry from a date decision."""
    if d is None:
        return None, False, None
    iv = d.interval
    return d.date, bool(d.certain), ([iv.lo, iv.hi] if iv and (iv.lo or iv.hi) else None)


def _entry(members: Sequence[Event], chosen: Sequence[Sentence | Event], date: Dated | None, day: str | None,
           cluster: str | None, documents: Sequence[str] | None = None, category: str | None = None) -> TimelineEntry:
    """A timeline entry: one real-world event (its members) told by the chosen sentences; its category is the
    one asked for when a member has it, else the members' most frequent."""
    agents, recipients = _parties(members)
    cats = [m.category for m in members if m.category]
    category = category.upper() if category and category.upper() in cats else (
        max(dict.fromkeys(cats), key=cats.count) if cats else None)
    evidence, seen = [], set()
    told = {(s.doc, s.index if isinstance(s, Sentence) else s.sentence) for s in chosen}
    for m in members:
        if (m.doc, m.sentence) not in seen:
            seen.add((m.doc, m.sentence))
            evidence.append({"document": m.doc, "sentence": m.sentence, "start": m.start, "end": m.end,
                             "text": m.text, "in_summary": (m.doc, m.sentence) in told})
    for s in chosen:
        key = (s.doc, s.index if isinstance(s, Sentence) else s.sentence)
        if key not in seen:
            seen.add(key)
            evidence.append(_sentence_row(s) | {"in_summary": True})
    if date is not None:
        evidence += [{"document": e.doc, "sentence": e.sentence, "date_evidence": e.kind, "text": e.text,
                      "note": e.note} for e in date.evidence if e.doc]
    docs = list(documents) if documents else list(dict.fromkeys([*(s.doc for s in chosen),
                                                                  *(m.doc for m in members)]))
    d, certain, interval = _date_fields(date)
    return TimelineEntry(date=d, certain=certain, interval=interval,
                         summary=" ".join(s.text.strip() for s in chosen), category=category,
                         actors=[*agents, *recipients], documents=docs, evidence=evidence, cluster=cluster,
                         day=day, agents=agents, recipients=recipients,
                         sentences=[_sentence_row(s) for s in chosen])


def _sort_key(t: TimelineEntry) -> tuple[str, str, str]:
    """Entries by day (or certain date, or first possible day, or stated date; undated last)."""
    lo = t.interval[0] if t.interval and t.interval[0] else None
    hi = t.interval[1] if t.interval and t.interval[1] else None
    return (t.day or (t.date if t.certain else None) or lo or t.date or hi or "9999", t.cluster or "", t.summary)


# --- the full event log ----------------------------------------------------------------------------------------


def event_log(clusters: Sequence[Cluster], events: Sequence[Event], query: Query) -> list[TimelineEntry]:
    """Every real-world event (cluster) that answers the query, with its best-evidenced sentence (and up to
    `sentences_per_date - 1` more from other reports), in date order; background facts are kept and marked."""
    members_of: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.cluster:
            members_of[e.cluster].append(e)
    out = []
    k = max(1, query.sentences_per_date or 1)
    for c in clusters:
        members = sorted(members_of.get(c.id, []), key=lambda m: (m.doc, m.sentence))
        facts = [m for m in members if _is_fact(m)]
        if not facts or not matches(c, members, query):
            continue
        lead = next((m for m in facts if m.text.strip() == (c.summary or "").strip()), facts[0])
        chosen = [lead]
        for m in sorted(facts, key=lambda m: (not (m.date and m.date.certain), m.doc, m.sentence)):
            if len(chosen) >= k:
                break
            if all(m.doc != x.doc and m.text.strip() != x.text.strip() for x in chosen):
                chosen.append(m)
        entry = _entry(facts, chosen, c.date, None, c.id, c.documents)
        entry.background = all(m.background for m in facts)
        out.append(entry)
    out.sort(key=_sort_key)
    return out


# --- the storyline -----------------------------------------------------------------------------------------------


@dataclass
class _Unit:
    """One event of one day being assembled: its clusters' members and the sentences telling it."""

    members: list[Event] = field(default_factory=list)
    chosen: list[Sentence | Event] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)

    def actors(self) -> set[str]:
        return {a for m in self.members for a in (*m.actors, *m.recipients) if a}

    def categories(self) -> set[str]:
        return {m.category for m in self.members if m.category}


def _same_event(a: _Unit, b: _Unit, sim: TextSimilarity) -> bool:
    """Whether two events of one day are one: compatible categories, the same people, and one report or similar
    words."""
    if not all(compatible_categories(x, y) for x in a.categories() for y in b.categories()):
        return False
    modes_a = {m.mode for m in a.members if m.mode}
    modes_b = {m.mode for m in b.members if m.mode}
    if modes_a and modes_b and not modes_a & modes_b:
        return False
    pa, pb = a.actors(), b.actors()
    shared = len(pa & pb)
    if pa and pb and (not shared or (pa - pb and pb - pa and shared < 2)):
        return False
    if not pa and not pb:
        return False  # without actors, only the clustering's own decision joins two events
    if {m.doc for m in a.members} & {m.doc for m in b.members} and shared >= 1:
        return True
    texts_b = [m.text for m in b.members][:12]
    return any(sim.best(m.text, texts_b) >= SAME_DAY_TEXT for m in a.members[:12])


def _told_together(a: _Unit, b: _Unit) -> bool:
    """Whether two units are told by one sentence (events coded in one sentence are one entry)."""
    return bool({(s.doc, _index(s)) for s in a.chosen} & {(s.doc, _index(s)) for s in b.chosen})


def _merge(units: list[_Unit], sim: TextSimilarity) -> list[_Unit]:
    """Units of one day that report one event, joined (and events told by one sentence)."""
    out: list[_Unit] = []
    for u in units:
        into = next((o for o in out if _told_together(o, u) or _same_event(o, u, sim)), None)
        if into is None:
            out.append(u)
        else:
            into.members.extend(u.members)
            into.chosen.extend(s for s in u.chosen if all(s.doc != c.doc or s.text != c.text for c in into.chosen))
            into.clusters.extend(u.clusters)
    return out


MIN_SCORE = 2.0  # a day a storyline shows unasked: named by a report and pointed at by one more signal at least


def default_days(stats: dict[dt.date, DayStats], ranked: Sequence[dt.date], documents: int) -> int:
    """How many days a storyline shows when no size is asked: the days named by a report that something else
    points at too (another report, a later one, an event, a report published that day), at most
    2 * sqrt(documents) + 5 of them."""
    named = sum(1 for d in ranked if stats[d].mention_docs and score(stats[d]) >= MIN_SCORE)
    return min(named, entries_cap(documents))


def entries_cap(documents: int) -> int:
    """The most days (and undated events) a storyline shows unasked for a corpus of this many documents."""
    return round(2 * math.sqrt(max(documents, 1))) + 5


def _points(source: Source, q: Query) -> tuple[list[Point], dict[str, tuple[dt.date, dt.date | None]],
                                                dict[str, Event]]:
    """The points of the query's scope (filtered by its words, actor and category), the first and last days each
    document may have been published on, and the events behind event points."""
    words = q.query.lower().split() if q.query else []
    rows = source.timeline_points(q.date_from, q.date_to, words)
    published = {doc: (lo, _bound(hi, True)) for doc, (first, hi) in source.published_spans().items()
                 if (lo := _bound(first, False))}
    event_ids = {r[5] for r in rows if r[5]}
    events: dict[str, Event] = {}
    if q.actor or q.category:
        keys = sorted({(r[1], r[2]) for r in rows if r[5]})
        events = {e.id: e for e in source.events_at(keys) if e.id in event_ids}
    names = _names(q)
    points = []
    for day, doc, sentence, kind, certain, event in rows:
        d = _bound(day, False)
        if d is None:
            continue
        if q.actor or q.category:
            e = events.get(event or "")
            if e is None or (q.category and e.category.upper() != q.category.upper()):
                continue
            if not _actor_match((*e.actors, *e.recipients), names, q):
                continue
        points.append(Point(d, doc, sentence, kind, bool(certain)))
    return points, published, events


def storyline(source: Source, q: Query) -> list[TimelineEntry]:
    """The storyline for a query: the most salient days, each told by its events or its best sentences."""
    docs_total, df = source.term_counts()
    terms = TermStats.from_bytes(df, docs_total)
    sim = TextSimilarity(terms)
    points, spans, _ = _points(source, q)
    published = {doc: lo for doc, (lo, hi) in spans.items() if lo == hi}
    stats = day_stats(points, published, {doc: lo for doc, (lo, _) in spans.items()})
    lo_q, hi_q = _bound(q.date_from, False), _bound(q.date_to, True)
    ranked = [d for d in rank(stats) if (lo_q is None or d >= lo_q) and (hi_q is None or d <= hi_q)]
    documents = len(spans) or len({p.doc for p in points})
    n = q.dates if q.dates is not None else default_days(stats, ranked, documents)
    keywords = tuple(k.lower() for k in q.keywords)
    summarizer = Summarizer(terms)
    out: list[TimelineEntry] = []
    days_told = 0
    chunk = max(2 * n, 16)
    for start in range(0, len(ranked), chunk):
        if days_told >= n:
            break
        days = ranked[start:start + chunk]
        keys = sorted({k for d in days for k in stats[d].candidates})
        texts = {k: _told(v) for k, v in source.sentences_at(keys).items()}
        by_sentence: dict[tuple[str, int], list[Event]] = defaultdict(list)
        for e in source.events_at(keys):
            if _is_fact(e) and not e.background:
                by_sentence[(e.doc, e.sentence)].append(e)
        for d in days:
            if days_told >= n:
                break
            told = _tell_day(d, stats[d], texts, by_sentence, q, keywords, summarizer, sim, published)
            if told:
                out.extend(told)
                days_told += 1
    if q.dates is None and q.sentences_per_date is None and not q.keywords:
        out.extend(_undated(source, q, out, sim, entries_cap(documents), lambda t: summarizer.allowed(t, ())))
    out.sort(key=_sort_key)
    return out


def _one_day(e: Event, d: dt.date) -> bool:
    """Whether an event is dated to exactly this day."""
    lo, hi = _span(e.date)
    return lo == d and hi == d


def _tell_day(d: dt.date, s: DayStats, texts: dict[tuple[str, int], Sentence],
              by_sentence: dict[tuple[str, int], list[Event]], q: Query, keywords: Sequence[str],
              summarizer: Summarizer, sim: TextSimilarity, published: dict[str, dt.date]) -> list[TimelineEntry]:
    """The entries that tell one day."""
    cands = []
    for key, c in s.candidates.items():
        sent = texts.get(key)
        if sent is not None:
            cands.append(Candidate(c.doc, c.sentence, sent.text.strip(), c.named, c.certain))
    cands.sort(key=lambda c: (c.doc, c.sentence))
    if q.sentences_per_date is not None:
        picked = summarizer.pick(cands, q.sentences_per_date, keywords)
        units = []
        for c in picked:
            evs = [e for e in by_sentence.get((c.doc, c.sentence), []) if _one_day(e, d)]
            units.append(_Unit(evs, [texts[(c.doc, c.sentence)]], sorted({e.cluster for e in evs if e.cluster})))
    else:
        units = _event_units(d, cands, texts, by_sentence, sim, lambda t: summarizer.allowed(t, ()))
        if not units:
            picked = summarizer.pick(cands, 1, keywords)
            units = [_Unit([], [texts[(c.doc, c.sentence)]], []) for c in picked]
    if q.actor or q.category:
        units = [u for u in units if u.members and _unit_matches(u.members, q)]
    units = _merge(units, sim)
    if q.sentences_per_date is None:
        units = sorted(units, key=lambda u: -len({m.doc for m in u.members}))[:EVENTS_A_DAY]
    out = []
    for u in units:
        certain = any(c.certain for c in cands if any((c.doc, c.sentence) == (x.doc, _index(x)) for x in u.chosen))
        date = _day_date(d, certain, u, published)
        cluster = u.clusters[0] if len(u.clusters) == 1 else (",".join(u.clusters) or None)
        told = u.chosen if q.sentences_per_date is not None else u.chosen[:1]  # an event: its best sentence
        out.append(_entry(u.members, told, date, d.isoformat(), cluster, category=q.category))
    return out


def _unit_matches(members: Sequence[Event], q: Query) -> bool:
    """Whether an event answers the query's actor and category."""
    if q.category and not any(m.category.upper() == q.category.upper() for m in members):
        return False
    return _actor_match((a for m in members for a in (*m.actors, *m.recipients)), _names(q), q)


def _index(s: Sentence | Event) -> int:
    return s.index if isinstance(s, Sentence) else s.sentence


def _event_units(d: dt.date, cands: Sequence[Candidate], texts: dict[tuple[str, int], Sentence],
                 by_sentence: dict[tuple[str, int], list[Event]], sim: TextSimilarity,
                 readable: Callable[[str], bool]) -> list[_Unit]:
    """One unit per cluster reported for the day (its members dated to that day), told by its best sentence; an
    event no report tells in a readable sentence (page chrome coded as an event: run-on lists of headlines,
    links) is not told."""
    members: dict[str, list[Event]] = defaultdict(list)
    for c in cands:
        for e in by_sentence.get((c.doc, c.sentence), []):
            if e.cluster and _one_day(e, d):
                members[e.cluster].append(e)
    units = []
    for cid, ms in members.items():
        best = _best_member(ms, sim, readable)
        if readable(best.text):
            units.append(_Unit(ms, [best], [cid]))
    units.sort(key=lambda u: (-len({m.doc for m in u.members}), u.clusters))
    return units


def _best_member(members: Sequence[Event], sim: TextSimilarity,
                 readable: Callable[[str], bool] = lambda _: True) -> Event:
    """The member that best speaks for an event (as the report tells it): a readable sentence, dated for certain,
    close to what the reports say together, early in its report."""
    told = [_told(m) for m in members]
    texts = [m.text for m in told]

    def key(m: Event) -> tuple[bool, bool, float, int, str]:
        near = sum(sim.many(m.text, texts)) / len(texts) if len(texts) > 1 else 0.0
        return (not readable(m.text), not (m.date and m.date.certain), -round(near, 3), m.sentence, m.doc)
    return min(told, key=key)


def _day_date(d: dt.date, certain: bool, u: _Unit, published: dict[str, dt.date]) -> Dated:
    """The date of an entry placed on day d: certain when a sentence or event names the day for certain; a
    report's lead is the news of its publication day or the day before."""
    member_dates = [m.date for m in u.members if m.date is not None and _one_day(m, d)]
    best = next((x for x in member_dates if x.certain), member_dates[0] if member_dates else None)
    certain = certain or (best is not None and best.certain)
    iso = d.isoformat()
    if best is not None:
        return Dated(iso if certain else None, certain, Interval(iso, iso), best.source, list(best.evidence))
    if certain:
        return Dated(iso, True, Interval(iso, iso), "timex", [])
    s = u.chosen[0] if u.chosen else None
    pub = published.get(s.doc) if s is not None else None
    lo = (pub - dt.timedelta(days=PUBLISHED_DAYS - 1) if pub else d).isoformat()
    hi = (pub or d).isoformat()
    note = f"a report's lead: the news of its publication day ({hi}) or the day before"
    ev = [Evidence("lead", s.text[:120], Interval(lo, hi), s.doc, _index(s), note)] if s is not None else []
    return Dated(None, False, Interval(lo, hi), "lead", ev)


def _told_on_a_day(u: _Unit, dated: Sequence[TimelineEntry], sim: TextSimilarity) -> bool:
    """Whether an event whose day is uncertain is one a dated entry already tells: its day lies in the event's
    interval (of a week at most), with compatible categories, shared people and similar words ('after Tuesday's
    earthquake')."""
    spans = [(lo, hi) for lo, hi in (_span(m.date) for m in u.members)
             if lo is not None and hi is not None and (hi - lo).days <= WEEK]
    people, texts = u.actors(), [m.text for m in u.members][:12]
    for t in dated:
        if not t.day or not any(lo <= dt.date.fromisoformat(t.day) <= hi for lo, hi in spans):
            continue
        if t.category and not all(compatible_categories(t.category, c) for c in u.categories()):
            continue
        if people and t.actors and not people & set(t.actors):
            continue
        told = [e["text"] for e in t.evidence if "date_evidence" not in e][:12]
        if any(sim.best(x, told) >= SAME_DAY_TEXT for x in texts):
            return True
    return False


def _undated(source: Source, q: Query, dated: Sequence[TimelineEntry], sim: TextSimilarity,
             limit: int, readable: Callable[[str], bool]) -> list[TimelineEntry]:
    """Events told as news with their own time expression whose day is not known for certain (an interval), and
    not already told: the most reported first, at most `limit`."""
    told = {c for t in dated for c in (t.cluster or "").split(",") if c}
    members: dict[str, list[Event]] = defaultdict(list)
    for e in source.news_events(q.date_from, q.date_to):
        if e.cluster and e.cluster not in told and (e.actors or e.recipients):
            lo, hi = _span(e.date)
            if lo is None or hi is None or lo != hi:
                members[e.cluster].append(e)
    units = []
    for cid, ms in members.items():
        if not _unit_matches(ms, q):
            continue
        if q.query and not all(w in " ".join(m.text for m in ms).lower() for w in q.query.lower().split()):
            continue
        if not any(_in_range(*_span(m.date), q) for m in ms):
            continue
        best = _best_member(ms, sim, readable)
        if readable(best.text):
            units.append(_Unit(ms, [best], [cid]))
    units = [u for u in _merge(units, sim) if not _told_on_a_day(u, dated, sim)]
    units.sort(key=lambda u: (-len({m.doc for m in u.members}), -len(u.actors()), u.clusters))
    out = []
    for u in units[:limit]:
        date = next((m.date for m in u.members if m.date is not None), None)
        out.append(_entry(u.members, u.chosen, date, None, ",".join(u.clusters), category=q.category))
    return out
