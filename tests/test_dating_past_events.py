"""A past event cannot have happened after the report: it picks the past reading of a partial date."""

from __future__ import annotations

from storyline.dating import date_events, date_timexes
from storyline.records import Dated, Event, Interval, MonthDay, TimeExpression, WeekdayOf


def _setup(future: bool) -> tuple[list[TimeExpression], Event, Dated]:
    published = Dated("2022-12-30", True, Interval("2022-12-30", "2022-12-30"), "header")
    t = TimeExpression(doc="d", index=0, sentence=3, start=40, end=51, text="February 24", type="DATE",
                       value="XXXX-02-24", anchored=True, meaning=MonthDay(2, 24, "past"), rule="month-day")
    verb = "will announce" if future else "announced"
    e = Event(id="e", doc="d", sentence=3, start=0, end=60, text=f"Putin {verb} the operation on February 24.",
              category="ASSAULT", actors=["Vladimir Putin"], recipients=["Ukraine"], future=future,
              trigger=verb.split()[-1], timex=0)
    return date_timexes([t], published), e, published


def test_past_event_takes_the_past_reading_certainly() -> None:
    tx, e, published = _setup(future=False)
    (dated,) = date_events([e], tx, published)
    assert dated.date.certain and dated.date.date == "2022-02-24"
    assert dated.date.interval == Interval("2022-02-24", "2022-02-24")


def test_future_event_keeps_both_readings_and_stays_uncertain() -> None:
    tx, e, published = _setup(future=True)
    (dated,) = date_events([e], tx, published)
    assert not dated.date.certain
    assert dated.date.interval is not None and dated.date.interval.lo <= "2022-02-24"


def test_a_weekday_whose_tense_nothing_tells_is_uncertain() -> None:
    """'Xi's Monday arrival was confirmed on Friday': the arrival may be the Monday before or after the report."""
    published = Dated("2023-03-18", True, Interval("2023-03-18", "2023-03-18"), "pinned")
    t = TimeExpression(doc="d", index=0, sentence=2, start=5, end=11, text="Monday", type="DATE", value="XXXX-WXX-1",
                       anchored=True, meaning=WeekdayOf(1, "near"), rule="weekday")
    (got,) = date_timexes([t], published)
    assert not got.certain
    assert got.interval == Interval("2023-03-13", "2023-03-20")
    # on the day itself, 'Saturday' needs no guess
    t_sat = TimeExpression(doc="d", index=1, sentence=2, start=5, end=13, text="Saturday", type="DATE",
                           value="XXXX-WXX-6", anchored=True, meaning=WeekdayOf(6, "near"), rule="weekday")
    (sat,) = date_timexes([t_sat], published)
    assert sat.certain and sat.interval == Interval("2023-03-18", "2023-03-18")
