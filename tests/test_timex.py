"""The temporal tagger: one test per expression class, TIMEX3 values against a DCT, and resolve()."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline import nlp
from storyline.records import Counted, Interval, OnDate, Recurrence, TimeExpression, WeekdayOf
from storyline.timex import resolve, tag

DCT = dt.date(1998, 2, 16)  # a Monday
RULES = {"weekday", "month-day", "full-date", "month-year", "month", "year", "relative-day", "relative-unit",
         "vague", "duration", "set", "time"}


@pytest.fixture(scope="module")
def parse():
    model = nlp.load()
    return model


def timexes(parse, text: str, dct: dt.date | None = DCT) -> dict[str, TimeExpression]:
    """The tagged expressions of a text by their words (checking offsets and rule labels on the way)."""
    sdoc = parse(text)
    found = tag(sdoc, "doc", dct)
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.rule in RULES
        assert t.doc == "doc"
    return {t.text: t for t in found}


def test_absolute_dates(parse):
    got = timexes(parse, "The deal was signed Dec. 30, 2021, filed on 2021-12-17 and dated 12/30/2021.", None)
    assert got["Dec. 30, 2021"].value == "2021-12-30"
    assert got["2021-12-17"].value == "2021-12-17"
    assert got["12/30/2021"].value == "2021-12-30"
    full = got["Dec. 30, 2021"]
    assert full.rule == "full-date" and not full.anchored and full.certain
    assert full.interval == Interval("2021-12-30", "2021-12-30")


def test_partial_dates_without_a_dct(parse):
    got = timexes(parse, "Washington, December 30. Sales fell in February 2022 and in 2021, as in the 1990s.", None)
    day = got["December 30"]
    assert (day.value, day.anchored, day.rule) == ("XXXX-12-30", True, "month-day")
    assert resolve(day, dt.date(2023, 1, 2))[0] == "2022-12-30"
    assert resolve(day, dt.date(2022, 12, 1))[0] == "2022-12-30"
    month = got["February 2022"]
    assert month.value == "2022-02" and not month.anchored
    assert resolve(month, dt.date(2030, 1, 1))[1] == Interval("2022-02-01", "2022-02-28")
    assert got["2021"].value == "2021" and got["2021"].rule == "year"
    assert got["the 1990s"].value == "199"


def test_month_with_modifier(parse):
    got = timexes(parse, "The talks resumed in mid-March.", dt.date(1998, 5, 1))
    assert got["mid-March"].value == "1998-03"


def test_weekdays_follow_the_tense(parse):
    got = timexes(parse, "The minister resigned on Friday. He will travel to Paris on Thursday.")
    assert got["Friday"].value == "1998-02-13"  # past tense: the Friday before the DCT
    assert got["Thursday"].value == "1998-02-19"  # future: the coming Thursday
    assert "on Friday" not in got  # 'on' is not part of the extent
    without = timexes(parse, "The minister resigned on Friday.", None)["Friday"]
    assert without.value == "XXXX-WXX-5" and without.anchored and without.rule == "weekday"
    assert resolve(without, DCT) == ("1998-02-13", Interval("1998-02-13", "1998-02-13"))


def test_weekday_possessive_and_part_of_day(parse):
    got = timexes(parse, "Officials said Wednesday's call went well. The vote came Friday afternoon.")
    assert got["Wednesday"].value == "1998-02-11"
    assert got["Friday afternoon"].type == "TIME"
    assert got["Friday afternoon"].value == "1998-02-13TAF"


def test_relative_expressions(parse):
    text = ("Today the court met. Yesterday it heard the case and tomorrow it rules. Last week the bank said "
            "next month would be hard, and this year worse. Prices fell a week ago and earlier this month.")
    got = timexes(parse, text)
    assert got["Today"].value == "1998-02-16"
    assert got["Yesterday"].value == "1998-02-15"
    assert got["tomorrow"].value == "1998-02-17"
    assert got["Last week"].value == "1998-W07"
    assert got["next month"].value == "1998-03"
    assert got["this year"].value == "1998"
    assert got["a week ago"].value == "1998-02-09"
    assert got["earlier this month"].value == "1998-02"
    assert {got[k].rule for k in ("Today", "Yesterday")} == {"relative-day"}
    assert got["Last week"].rule == "relative-unit"


def test_last_week_interval_without_dct(parse):
    t = timexes(parse, "Last week the bank said so.", None)["Last week"]
    value, interval = resolve(t, dt.date(2023, 1, 4))  # a Wednesday
    assert value == "2022-W52"
    assert interval == Interval("2022-12-26", "2023-01-01")


def test_anaphoric_day_counts_from_the_date_before(parse):
    got = timexes(parse, "The ship sank on March 3, 1998. The day before, the captain had warned the owners.", None)
    assert got["The day before"].value == "1998-03-02"
    assert not got["The day before"].anchored


def test_earlier_and_later_count_from_the_date_talked_about(parse):
    got = timexes(parse, "On Friday the army attacked. Three days later, troops left.", None)
    later = got["Three days later"]
    assert later.anchored and later.meaning == Counted("offset", 3, "D", WeekdayOf(5, "past"))
    assert resolve(later, dt.date(2023, 1, 4))[0] == "2023-01-02"  # Friday 30 December + 3 days
    alone = timexes(parse, "Three days later, troops left.", None)["Three days later"]
    assert (alone.type, alone.value) == ("DURATION", "P3D")  # nothing to count from: no date is claimed


def test_vague_expressions(parse):
    got = timexes(parse, "Prices are now higher. He recently said the past was gone and the future is bright. "
                         "In recent weeks, talks stalled.")
    assert got["now"].value == "PRESENT_REF"
    assert got["recently"].value == "PAST_REF"
    assert got["the past"].value == "PAST_REF"
    assert got["the future"].value == "FUTURE_REF"
    recent = got["recent weeks"]
    value, interval = resolve(recent, dt.date(2023, 3, 1))
    assert interval.hi == "2023-03-01" and interval.lo < "2023-02-01"


def test_times_of_day(parse):
    got = timexes(parse, "The blast came at 3 p.m. and the curfew began at 10 p.m. Wednesday.")
    assert got["3 p.m."].type == "TIME" and got["3 p.m."].value == "1998-02-16T15:00"
    assert got["10 p.m. Wednesday"].value == "1998-02-11T22:00"
    assert got["3 p.m."].rule == "time"


def test_durations(parse):
    got = timexes(parse, "He served two years in jail, a week in hospital and a two-year term. "
                         "Exports rose over the past three months.")
    assert (got["two years"].type, got["two years"].value) == ("DURATION", "P2Y")
    assert got["a week"].value == "P1W"
    assert got["two-year"].value == "P2Y"
    past = got["the past three months"]
    assert past.value == "P3M" and past.rule == "duration"
    value, interval = resolve(past, dt.date(2023, 6, 30))
    assert interval.hi == "2023-06-30" and interval.lo.startswith("2023-03")


def test_fractions_rates_and_non_times(parse):
    got = timexes(parse, "The 52-year-old talked for 5 1/2 hours. He earns $30,000 a year; 1,500 troops and "
                         "1998 shares moved in nineteen ninety-six, on Thanksgiving Day.")
    assert got["5 1/2 hours"].value == "PT5H30M"
    assert (got["a year"].type, got["a year"].value) == ("SET", "P1Y")
    assert got["nineteen ninety-six"].value == "1996"
    assert got["Thanksgiving Day"].value == "1997-11-27"  # the fourth Thursday of November
    assert not any("52" in k or "1,500" in k or "1998" in k for k in got)


def test_sets(parse):
    got = timexes(parse, "The board meets every week, reports annually and trades daily.")
    assert (got["every week"].type, got["every week"].value) == ("SET", "P1W")
    assert got["annually"].value == "P1Y"
    assert got["daily"].value == "P1D"
    assert got["every week"].interval is None


def test_timeml_values_against_a_dct(parse):
    text = ("Profit fell last year. For the quarter, sales rose in the third quarter, compared with two years "
            "of losses. It is doing better now than in the past.")
    got = timexes(parse, text, dt.date(1998, 2, 20))
    assert got["last year"].value == "1997"
    assert got["the third quarter"].value == "1997-Q3"
    assert got["two years"].value == "P2Y"
    assert got["now"].value == "PRESENT_REF"
    assert got["the past"].value == "PAST_REF"


def test_sentence_index_and_offsets(parse):
    text = "Nothing happened. Then on Friday the rebels attacked."
    t = timexes(parse, text)["Friday"]
    assert t.sentence == 1
    assert t.start == text.index("Friday")


RELATIVE_TEXT = ("On Friday the minister said the day before and two days later mattered, and that on December 30 and in March the plan would be ready, a week "
                 "after last week's summit. Three days later, in the third quarter, next month and two weeks ago "
                 "were discussed, and in recent weeks the past three months mattered. Last spring was worse; the "
                 "weekend was quiet. Yesterday it rained. This summer, last fall, in mid-March, last April, June "
                 "last year, the second half, a year ago, this century, recent years and Thanksgiving were named.")


def test_resolve_is_monotone_in_the_anchor(parse):
    found = tag(parse(RELATIVE_TEXT), "doc", None)
    assert len(found) >= 20
    start = dt.date(2021, 11, 20)
    anchors = [start + dt.timedelta(days=i) for i in range(0, 800, 3)]
    for t in found:
        previous: Interval | None = None
        for anchor in anchors:
            value, interval = resolve(t, anchor)
            if interval is None:
                continue
            assert interval.lo is None or interval.hi is None or interval.lo <= interval.hi, (t.text, anchor)
            if previous is not None:
                for a, b in ((previous.lo, interval.lo), (previous.hi, interval.hi)):
                    assert a is None or b is None or a <= b, (t.text, anchor, previous, interval)
            previous = interval


def test_underspecified_values_without_dct(parse):
    found = tag(parse(RELATIVE_TEXT), "doc", None)
    for t in found:
        if t.anchored:
            assert t.meaning is not None and not isinstance(t.meaning, OnDate | Recurrence), t.meaning
            assert not any(ch.isdigit() for ch in t.value[:4]) or t.type == "DURATION", (t.text, t.value)


def test_weekday_of_an_announced_noun_takes_no_tense(parse):
    """'Xi's Monday arrival was confirmed': the confirming verb's past tense says nothing about the arrival."""
    got = timexes(parse, "Xi's Monday arrival in Moscow was confirmed by the ministry on Friday.")
    assert got["Monday"].meaning == WeekdayOf(1, "near")
    assert got["Friday"].meaning == WeekdayOf(5, "past")
