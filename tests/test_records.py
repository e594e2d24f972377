"""The record model: the per-document stages as a pure, picklable function; one date parser; one JSON form."""

from __future__ import annotations

import datetime as dt
import pickle

from storyline import nlp
from storyline.records import (
    Counted,
    Dated,
    Document,
    Evidence,
    Interval,
    MonthDay,
    TimeMeaning,
    WeekdayOf,
    as_dict,
    iso_span,
    when,
)
from storyline.stages import annotate

TEXT = ("Kremlin talks. Russian President Vladimir Putin and Chinese leader Xi Jinping held a video call on "
        "Wednesday. \u201cWe agreed on everything,\u201d Putin said.")


def test_annotate_is_pure_and_its_result_survives_pickling() -> None:
    """The per-document stages read only the document, its parse and the settings: the scale work runs them in
    worker processes, so the annotated document must cross a process boundary whole."""
    doc = Document(id="d1", path="d1.txt", kind="text", raw=b"", text=TEXT)
    out, failed = annotate(doc, nlp.load()(TEXT))
    assert not failed
    assert not doc.sentences and not doc.events  # the document given is left as it was
    assert len(out.sentences) == 3 and out.mentions
    assert out.events and out.quotes and out.timexes
    back = pickle.loads(pickle.dumps(out))
    assert back == out
    assert [as_dict(e) for e in back.events] == [as_dict(e) for e in out.events]
    assert back.events[0].actor_mentions == out.events[0].actor_mentions


def test_memory_only_fields_are_neither_stored_nor_printed() -> None:
    doc = Document(id="d1", path="d1.txt", kind="text", raw=b"", text=TEXT)
    out, _ = annotate(doc, nlp.load()(TEXT))
    row = as_dict(out.events[0])
    assert "actor_mentions" not in row and "trigger_start" not in row and row["actors"]
    assert "sentences" not in as_dict(out)


def test_partial_iso_dates_have_one_parser() -> None:
    assert iso_span("2022") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert iso_span("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert iso_span("2022-02-30") is None and iso_span("2022-02-04T10:00") is None and iso_span(None) is None
    assert Interval("2022-02", "2022-03").days() == (dt.date(2022, 2, 1), dt.date(2022, 3, 31))


def test_a_date_decision_has_one_json_form() -> None:
    d = Dated("2022-02", False, Interval("2022-02-01", "2022-02-28"), "document",
              [Evidence("timex", "in February", Interval("2022-02-01", "2022-02-28"), "d1", 2, "a month")])
    j = d.to_json()
    assert j["interval"] == ["2022-02-01", "2022-02-28"] and j["evidence"][0]["interval"]["lo"] == "2022-02-01"
    assert Dated.from_json(j) == d
    assert when(j) == "uncertain: 2022-02-01 to 2022-02-28"
    assert when({"date": "2022-02-04", "certain": True, "interval": None}) == "2022-02-04"
    assert when({"date": None, "certain": False, "interval": None}) == "date unknown"


def test_time_meanings_round_trip_through_json() -> None:
    m = Counted("offset", 3, "D", WeekdayOf(5, "past"), clock="TAF")
    assert TimeMeaning.from_json(m.to_json()) == m
    assert m.directions() == {"past"} and m.redirected("past", "prev").reference == WeekdayOf(5, "prev")
    assert MonthDay(12, 30, "near").redirected("past", "prev") == MonthDay(12, 30, "near")
