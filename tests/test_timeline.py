"""Timeline selection: filters, sizes, facts only, provenance; and date/sentence selection helpers."""

from __future__ import annotations

import datetime as dt

from storyline.records import Cluster, Dated, Event, Interval
from storyline.timeline import Query, build, select


def _event(id: str, doc: str, text: str, **kw) -> Event:
    return Event(id=id, doc=doc, sentence=int(id[-1]) if id[-1].isdigit() else 0, start=0, end=len(text), text=text,
                 category=kw.pop("category", "CONSULT"), **kw)


def _cluster(id: str, events: list[Event], day: str | None, certain: bool = True, actors=(), category="CONSULT",
             interval: tuple[str | None, str | None] | None = None) -> Cluster:
    iv = Interval(*interval) if interval else (Interval(day, day) if day else None)
    date = Dated(day if certain else None, certain, iv, "test") if (day or interval) else None
    return Cluster(id=id, events=[e.id for e in events], documents=list(dict.fromkeys(e.doc for e in events)),
                   category=category, actors=list(actors), date=date, summary=events[0].text)


def corpus():
    e1 = _event("e1", "a", "Xi and Putin held a video call.")
    e2 = _event("e2", "b", "The two leaders spoke by video link for an hour.")
    e3 = _event("e3", "c", "US sends 2,000 more troops to Poland.", category="MOBILIZE")
    e4 = _event("e4", "c", "Russia did not invade Ukraine.", category="ASSAULT", negated=True)
    e5 = _event("e5", "d", "Putin may visit Beijing.", hypothetical=True)
    e6 = _event("e6", "d", "Blinken spoke with Kuleba.")
    events = [e1, e2, e3, e4, e5, e6]
    clusters = [
        _cluster("c1", [e1, e2], "2021-12-15", actors=["Xi Jinping", "Vladimir Putin"]),
        _cluster("c2", [e3], None, certain=False, actors=["United States"], category="MOBILIZE",
                 interval=("2022-01-30", "2022-02-05")),
        _cluster("c3", [e4], "2022-02-03", actors=["Russia"], category="ASSAULT"),
        _cluster("c4", [e5], "2022-02-04", actors=["Vladimir Putin"]),
        _cluster("c5", [e6], "2022-02-04", actors=["Antony Blinken", "Dmytro Kuleba"]),
    ]
    return clusters, events


def test_whole_store_in_date_order_facts_only():
    clusters, events = corpus()
    out = build(clusters, events, Query())
    assert [t.cluster for t in out] == ["c1", "c2", "c5"]  # negated c3 and hypothetical c4 left out
    first = out[0]
    assert first.date == "2021-12-15" and first.certain and first.interval == ["2021-12-15", "2021-12-15"]
    assert first.documents == ["a", "b"]
    assert {(e["document"], e["sentence"]) for e in first.evidence} >= {("a", 1), ("b", 2)}
    uncertain = out[1]
    assert not uncertain.certain and uncertain.date is None and uncertain.interval == ["2022-01-30", "2022-02-05"]


def test_filters():
    clusters, events = corpus()
    assert [t.cluster for t in build(clusters, events, Query(actor="putin"))] == ["c1"]
    assert [t.cluster for t in build(clusters, events, Query(category="mobilize"))] == ["c2"]
    assert [t.cluster for t in build(clusters, events, Query(query="video call"))] == ["c1"]
    assert [t.cluster for t in build(clusters, events, Query(date_from="2022-02-01"))] == ["c2", "c5"]
    assert [t.cluster for t in build(clusters, events, Query(date_to="2021-12"))] == ["c1"]
    assert [t.cluster for t in build(clusters, events, Query(date_to="2022-01"))] == ["c1", "c2"]  # overlap
    assert [t.cluster for t in build(clusters, events, Query(date_from="2022-02-04", date_to="2022-02-04"))] == [
        "c2", "c5"]


def test_sizes():
    clusters, events = corpus()
    one = build(clusters, events, Query(dates=1))
    assert [t.cluster for t in one] == ["c1"]  # the date reported by most documents
    two = build(clusters, events, Query(sentences_per_date=2))
    assert two[0].summary.count(".") == 2 and "video link" in two[0].summary
    assert build(clusters, events, Query(sentences_per_date=1))[0].summary == "Xi and Putin held a video call."


def test_rank_dates_and_summarize():
    stats = select.new_stats()
    d1, d2 = dt.date(2010, 4, 20), dt.date(2010, 7, 15)
    select.collect(stats, "x", dt.date(2010, 7, 16), [
        (0, "BP says the well was capped on July 15 after months of leaking oil", [d2]),
        (1, "The rig exploded on April 20 killing eleven workers in the Gulf", [d1]),
    ])
    select.collect(stats, "y", dt.date(2010, 7, 20), [(0, "The April 20 blast killed eleven oil workers on the rig", [d1])])
    assert select.rank_dates(stats)[0] == d1
    summ = select.Summarizer([c.text for s in stats.values() for c in s.candidates])
    picked = summ.summarize(stats[d1].candidates, 1, keywords=["oil", "rig"])
    assert len(picked) == 1 and picked[0].doc in ("x", "y")
    # a later date repeating the same sentence is not given it again
    assert summ.summarize(picked, 1, keywords=["rig"]) == []
    assert summ.summarize(stats[d2].candidates, 1, keywords=["nothing-like-this"]) == []
