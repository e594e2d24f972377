"""How clustering grows: comparisons per event stay bounded as the corpus grows, and a build that adds 1% of the
events does about 1% of the work, reading only the stored clusters its new events may join (a real store)."""

from __future__ import annotations

import datetime as dt
import random

from storyline.cluster import TermStats, Work, assign
from storyline.records import Dated, Document, Event, Interval
from storyline.settings import DEFAULT
from storyline.store import Store

TF_ONLY = DEFAULT.with_(embeddings=False)
PEOPLE = [f"Person{i}" for i in range(40)]
VERBS = ["met", "called", "visited", "criticised", "praised", "warned", "thanked", "hosted"]
WORDS = [f"topic{i}" for i in range(400)]


def corpus(n_events: int, per_day: int = 12, seed: int = 0, first_day: dt.date = dt.date(2020, 1, 1),
           prefix: str = "") -> list[Event]:
    """n_events event mentions: real-world events of `per_day` a day, each reported by two or three documents
    in slightly different words; ten event mentions a document, dated certainly."""
    rng = random.Random(seed)
    out: list[Event] = []
    k = 0
    while len(out) < n_events:
        day = first_day + dt.timedelta(days=k // per_day)
        a, b = rng.sample(PEOPLE, 2)
        words = rng.sample(WORDS, 6)
        verb = rng.choice(VERBS)
        for r in range(rng.choice((2, 3))):
            text = f"{a} {verb} {b} about " + " ".join(rng.sample(words, 5)) + f" in report {r}."
            date = Dated(day.isoformat(), True, Interval(day.isoformat(), day.isoformat()), "meta")
            out.append(Event(id=f"{prefix}e{len(out)}", doc=f"{prefix}d{len(out) // 10}", sentence=len(out) % 10, start=0,
                             end=len(text), text=text, category="CONSULT", actors=[a], recipients=[b], date=date))
        k += 1
    return out[:n_events]


def test_comparisons_grow_linearly_with_the_corpus():
    per_event = []
    for n in (500, 2000):
        events = corpus(n)
        work = Work()
        assign(events, (), TF_ONLY, work=work)
        assert work.events == n
        per_event.append(work.comparisons / n)
    # all-pairs clustering compares each event with every cluster so far: 4x the events, 4x the work per event
    assert per_event[1] < 1.3 * per_event[0], per_event


def test_reports_of_one_event_are_found_through_the_index():
    events = corpus(300)
    assign(events, (), TF_ONLY)
    by_day_pair: dict[tuple, set[str | None]] = {}
    for e in events:
        by_day_pair.setdefault((e.date.date, e.actors[0], e.recipients[0], e.text.split()[1]), set()).add(e.cluster)
    together = sum(len(c) == 1 for c in by_day_pair.values())
    assert together >= 0.9 * len(by_day_pair)  # the reports of one event end up in one cluster
    assert len({e.cluster for e in events}) >= 0.9 * len(by_day_pair)  # and events stay apart


def test_work_per_event_is_capped_in_a_busy_week():
    events = corpus(600, per_day=100)  # 100 events a day, every actor in every week
    work = Work()
    assign(events, (), TF_ONLY, work=work)
    assert work.comparisons <= 48 * len(events)


def _save(store: Store, events: list[Event]) -> None:
    by_doc: dict[str, list[Event]] = {}
    for e in events:
        by_doc.setdefault(e.doc, []).append(e)
    for doc, evs in by_doc.items():
        store.save_layers(Document(id=doc, path=doc, kind="text", raw=b"", text="", events=evs))


def test_adding_one_percent_does_about_one_percent_of_the_work(tmp_path):
    stats = TermStats()
    old = corpus(3000)
    stats.add(e.text for e in old)
    with Store(tmp_path / "s.duckdb") as store:
        _save(store, old)
        first = Work()
        clusters = assign(old, (), TF_ONLY, stats=stats, stored=store, work=first)
        store.save_clusters(clusters)
        store.update_event_dates(old)
        store.save_cluster_keys(first.postings)
        # 30 new reports: repeats of stored events (to join them) and new events on later days
        rng = random.Random(7)
        repeats, originals = [], rng.sample(old, 15)
        for i, e in enumerate(originals):
            repeats.append(Event(id=f"n{i}", doc="n", sentence=i, start=0, end=len(e.text), text=e.text + " again",
                                 category=e.category, actors=list(e.actors), recipients=list(e.recipients),
                                 date=e.date))
        later = corpus(15, seed=9, first_day=dt.date(2020, 12, 1), prefix="m")
        new = repeats + later
        _save(store, new)
        second = Work()
        assign(new, (), TF_ONLY, stats=stats, stored=store, work=second)
        assert second.events == 30
        assert second.comparisons <= 0.03 * first.comparisons, (second, first.comparisons)
        # only the clusters the new events may join are read: per new event, no more than a full build compares
        assert second.loaded <= 2 * first.comparisons / first.events * second.events
        assert second.loaded < 0.2 * len(clusters)
        assert second.vectorized <= 0.05 * first.vectorized
        assert sum(r.cluster == o.cluster for r, o in zip(repeats, originals, strict=True)) >= 14  # they join them
        stored_ids = {c.id for c in clusters}
        assert all(e.cluster not in stored_ids for e in later)
