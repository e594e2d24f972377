"""The timeline engine: the storyline (salient days, N days, K sentences from distinct reports, one entry per
event, actor -> recipient, background left out, provenance) on a real store written here, and the full event
log (filters, facts only)."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.cluster import TermStats
from storyline.records import Cluster, Dated, Document, Event, Interval, Sentence, TimeExpression
from storyline.store import Store
from storyline.timeline import Query, event_log, storyline
from storyline.timeline.salience import Point, day_stats, told_span

# --- the full event log on records -------------------------------------------------------------------------------


def _event(id: str, doc: str, text: str, **kw) -> Event:
    return Event(id=id, doc=doc, sentence=int(id[-1]) if id[-1].isdigit() else 0, start=0, end=len(text), text=text,
                 category=kw.pop("category", "CONSULT"), **kw)


def _cluster(id: str, events: list[Event], day: str | None, certain: bool = True, actors=(), category="CONSULT",
             interval: tuple[str | None, str | None] | None = None) -> Cluster:
    iv = Interval(*interval) if interval else (Interval(day, day) if day else None)
    date = Dated(day if certain else None, certain, iv, "test") if (day or interval) else None
    for e in events:
        e.cluster = id
    return Cluster(id=id, events=[e.id for e in events], documents=list(dict.fromkeys(e.doc for e in events)),
                   category=category, actors=list(actors), date=date, summary=events[0].text)


def corpus():
    e1 = _event("e1", "a", "Xi and Putin held a video call.", actors=["Xi Jinping"], recipients=["Vladimir Putin"])
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


def test_event_log_in_date_order_facts_only():
    clusters, events = corpus()
    out = event_log(clusters, events, Query(all=True))
    assert [t.cluster for t in out] == ["c1", "c2", "c5"]  # negated c3 and hypothetical c4 left out
    first = out[0]
    assert first.date == "2021-12-15" and first.certain and first.interval == ["2021-12-15", "2021-12-15"]
    assert first.documents == ["a", "b"]
    assert first.agents == ["Xi Jinping"] and first.recipients == ["Vladimir Putin"]
    assert {(e["document"], e["sentence"]) for e in first.evidence} >= {("a", 1), ("b", 2)}
    uncertain = out[1]
    assert not uncertain.certain and uncertain.date is None and uncertain.interval == ["2022-01-30", "2022-02-05"]


def test_event_log_filters():
    clusters, events = corpus()

    def ids(**kw):
        return [t.cluster for t in event_log(clusters, events, Query(all=True, **kw))]

    assert ids(actor="putin") == ["c1"]
    assert ids(category="mobilize") == ["c2"]
    assert ids(query="video call") == ["c1"]
    assert ids(date_from="2022-02-01") == ["c2", "c5"]
    assert ids(date_to="2021-12") == ["c1"]
    assert ids(date_to="2022-01") == ["c1", "c2"]  # overlap
    assert ids(date_from="2022-02-04", date_to="2022-02-04") == ["c2", "c5"]
    two = event_log(clusters, events, Query(all=True, sentences_per_date=2))
    assert two[0].summary.count(".") == 2 and "video link" in two[0].summary


# --- the storyline on a real store -------------------------------------------------------------------------------


class Corpus:
    """Documents written into a real store: each with its publication day and sentences; a sentence may name a
    day ('on 4 May') and tell an event."""

    def __init__(self, path) -> None:
        self.store = Store(path)
        self.stats = TermStats()

    def doc(self, doc_id: str, published: str, sentences: list[tuple[str, str | None, dict | None]]) -> None:
        """sentences: (text, day it names or None, event fields or None)."""
        text, spans = "", []
        for s, _, _ in sentences:
            spans.append((len(text), len(text) + len(s)))
            text += s + "\n\n"
        doc = Document(id=doc_id, path=doc_id, kind="text", raw=text.encode(), text=text)
        self.store.add_document(doc, "x")
        sents, timexes, events = [], [], []
        for i, ((s, day, ev), (a, b)) in enumerate(zip(sentences, spans, strict=True)):
            sents.append(Sentence(doc_id, i, a, b, s))
            if day:
                timexes.append(TimeExpression(doc_id, len(timexes), i, a, a + 5, s[:5], "DATE", day,
                                              interval=Interval(day, day), certain=True))
            if ev is not None:
                when = day or ev.pop("day", None)
                date = Dated(when, True, Interval(when, when), "timex") if when else None
                if "interval" in ev:  # a day not known for certain
                    date = Dated(None, False, Interval(*ev.pop("interval")), "timex")
                events.append(Event(id=f"{doc_id}#{i}", doc=doc_id, sentence=i, start=a, end=b, text=s,
                                    category=ev.pop("category", "CONSULT"), date=date, cluster=f"c-{doc_id}#{i}",
                                    **ev))
        doc.sentences, doc.timexes, doc.events = sents, timexes, events
        self.store.save_layers(doc)
        self.store.set_published(doc_id, Dated(published, True, Interval(published, published), "meta"))
        self.stats.add(s for s, _, _ in sentences)
        self.store.save_term_counts(self.stats.docs, self.stats.to_bytes())

    def merge(self, *event_ids: str) -> None:
        """Put events in one cluster, as the clustering would."""
        events = self.store.events(ids=list(event_ids))
        for e in events:
            e.cluster = events[0].cluster
        self.store.update_event_dates(events)


@pytest.fixture
def oil(tmp_path):
    c = Corpus(tmp_path / "oil.duckdb")
    c.doc("a", "2010-04-21", [
        ("The Deepwater Horizon rig exploded in the Gulf of Mexico on Tuesday killing eleven workers .", "2010-04-20",
         None),
        ("BP said the oil well was leaking about a thousand barrels a day into the Gulf .", None, None),
    ])
    c.doc("b", "2010-04-22", [
        ("Eleven workers were missing after the rig exploded and burned on April 20 off Louisiana .", "2010-04-20",
         None),
        ("The coast guard said the rig sank on Thursday and oil was spreading across the Gulf .", "2010-04-22", None),
    ])
    c.doc("c", "2010-07-16", [
        ("BP capped the leaking well on July 15 , stopping the oil for the first time in months .", "2010-07-15",
         None),
        ("The April 20 blast that killed eleven workers began the worst oil spill in US history .", "2010-04-20",
         None),
    ])
    c.doc("d", "2010-05-03", [
        ("Obama visited the Gulf coast on May 2 and promised that BP would pay for the oil spill .", "2010-05-02",
         {"category": "CONSULT", "actors": ["Barack Obama"], "recipients": []}),
        ("Fishermen said the spill has ruined their season and the oil keeps coming ashore .", None, None),
    ])
    c.doc("e", "2010-05-03", [
        ("President Obama visited the Louisiana coast on Sunday and told BP to pay for the oil spill .",
         "2010-05-02", {"category": "CONSULT", "actors": ["Barack Obama"], "recipients": ["BP"]}),
        ("BP has faced fines for safety failures at its refineries in Texas and Alaska before .", None,
         {"category": "SANCTION", "actors": [], "recipients": ["BP"], "background": True, "day": "2010-05-03"}),
    ])
    yield c
    c.store.close()


def test_the_most_reported_day_first_and_n_dates_are_n_days(oil):
    one = storyline(oil.store, Query(dates=1, sentences_per_date=1))
    assert {t.day for t in one} == {"2010-04-20"}  # named by three reports, two of them written later
    three = storyline(oil.store, Query(dates=3, sentences_per_date=1))
    assert len({t.day for t in three}) == 3 and len(three) == 3
    assert [t.day for t in three] == sorted(t.day for t in three)  # in date order


def test_k_sentences_come_from_distinct_reports(oil):
    entries = storyline(oil.store, Query(dates=1, sentences_per_date=2))
    sents = [s for t in entries for s in t.sentences]
    assert len(sents) == 2 and len({s["document"] for s in sents}) == 2


def test_every_sentence_has_its_document_and_offsets(oil):
    for t in storyline(oil.store, Query(dates=4, sentences_per_date=2)):
        for s in t.sentences:
            (doc,) = oil.store.documents([s["document"]])
            assert doc.text[s["start"]:s["end"]].strip() == s["text"]


def test_one_event_reported_twice_on_a_day_is_one_entry_with_actor_and_recipient(oil):
    oil.merge("d#0", "e#0")  # the clustering found one visit
    day = [t for t in storyline(oil.store, Query()) if t.day == "2010-05-02"]
    assert len(day) == 1
    assert day[0].agents == ["Barack Obama"] and day[0].recipients == ["BP"]
    assert set(day[0].documents) == {"d", "e"}


def test_clusters_of_one_day_with_the_same_people_are_one_entry(oil):
    day = [t for t in storyline(oil.store, Query()) if t.day == "2010-05-02"]
    assert len(day) == 1  # two clusters, one report each, same actor, one day, similar words: one event
    assert len(day[0].sentences) == 1 and set(day[0].documents) == {"d", "e"}  # told once, sourced by both


def test_an_event_of_uncertain_day_already_told_on_its_day_is_not_told_again(oil):
    oil.doc("f", "2010-05-06", [
        ("Obama visited the Louisiana coast at the weekend and told BP to pay for the spill .", None,
         {"category": "CONSULT", "actors": ["Barack Obama"], "recipients": ["BP"],
          "interval": ("2010-05-01", "2010-05-02")}),
        ("BP chief Tony Hayward met angry fishermen in Venice this week to discuss compensation .", None,
         {"category": "CONSULT", "actors": ["Tony Hayward"], "recipients": ["fishermen"],
          "interval": ("2010-05-03", "2010-05-06")}),
    ])
    entries = storyline(oil.store, Query())
    assert [t.day for t in entries if "Obama" in t.summary] == ["2010-05-02"]  # once, on its day
    assert any("Hayward" in t.summary and t.day is None and not t.certain for t in entries)


def test_background_is_left_out_of_the_storyline_and_marked_in_the_event_log(oil):
    assert not any("faced fines" in t.summary for t in storyline(oil.store, Query()))
    log = event_log(oil.store.clusters(), oil.store.events(), Query(all=True))
    assert not log  # the store has no cluster rows: the log lists clusters
    events = oil.store.events()
    clusters = [Cluster(e.cluster or "", [e.id], [e.doc], e.category, [*e.actors, *e.recipients], e.date,
                        e.text) for e in events]
    marked = [t for t in event_log(clusters, events, Query(all=True)) if "faced fines" in t.summary]
    assert marked and marked[0].background


def test_keywords_choose_the_sentences(oil):
    entries = storyline(oil.store, Query(dates=2, sentences_per_date=1, keywords=("capped",)))
    assert [t.day for t in entries] == ["2010-07-15"]


def test_date_range(oil):
    entries = storyline(oil.store, Query(date_from="2010-05-01", date_to="2010-12-31", dates=5, sentences_per_date=1))
    days = {t.day for t in entries}
    assert days and all(dt.date(2010, 5, 1).isoformat() <= d <= "2010-12-31" for d in days)


def test_default_size_shows_the_days_that_stand_out(oil):
    entries = storyline(oil.store, Query())
    days = {t.day for t in entries if t.day}
    assert "2010-04-20" in days and "2010-05-02" in days
    assert "2010-04-22" not in days  # named by one report only, nothing else points at it


def test_a_report_published_on_or_after_a_day_it_names_looks_back_to_it():
    day, week_later = dt.date(2022, 2, 4), dt.date(2022, 2, 10)
    points = [Point(day, "undated", 0, "timex", True), Point(day, "same-day", 0, "timex", True)]
    stats = day_stats(points, {"same-day": day}, {"undated": day, "same-day": day})
    assert stats[day].later_docs == {"undated"}  # published between 4 and 10 February: on the day or later
    assert stats[day].published_docs == {"same-day"}
    assert day_stats(points[:1], {}, {"undated": week_later})[day].later_docs == {"undated"}


def test_a_page_stamp_glued_into_a_sentence_splits_headline_from_what_the_report_tells():
    text = ("Mexican swine flu deaths spark worldwide action as US declares an emergency Sunday 26 April 2009 18.45 "
            "BST People wear surgical masks on the Mexico City subway .")
    a, b = told_span(text)
    assert text[a:b] == "People wear surgical masks on the Mexico City subway ."
    a, b = told_span(text, at=text.index("declares"))  # an event coded in the headline is told by the headline
    assert text[a:b].startswith("Mexican swine flu") and text[a:b].endswith("an emergency ")
    said = "He said on Sunday 26 April 2009 that the schools in the capital would stay closed ."
    assert told_span(said) == (0, len(said))  # a date, not a page's stamp: the whole sentence
