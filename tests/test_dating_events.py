"""Events are dated, not reports: states and background facts, dates relative to another event, spans too wide
to date anything, and paragraph breaks that end sentences."""

from __future__ import annotations

import pytest

from storyline import dating, nlp
from storyline.dating.events import background
from storyline.records import Dated, Event, Interval, TimeExpression

REPORT = Dated("2021-12-17", True, Interval("2021-12-17", "2021-12-17"), "header")


def _event(text: str, trigger: str, sentence: int = 0, start: int = 0, **kw) -> Event:
    return Event(id=f"e{sentence}-{trigger}", doc="d", sentence=sentence, start=start, end=start + len(text),
                 text=text, category=kw.pop("category", "CONSULT"), trigger=trigger, **kw)


def _timex(text: str, sentence_text: str, sentence: int, index: int, value: str, type_: str = "DATE",
           start: int = 0, lo: str | None = None, hi: str | None = None, certain: bool = True,
           rule: str = "") -> TimeExpression:
    at = start + sentence_text.index(text)
    return TimeExpression(doc="d", index=index, sentence=sentence, start=at, end=at + len(text), text=text,
                          type=type_, value=value, rule=rule or type_.lower(),
                          interval=Interval(lo, hi) if (lo or hi) else None, certain=certain)


@pytest.mark.parametrize(("text", "trigger"), [
    ("China has faced sanctions for cracking down on minorities.", "sanctions"),
    ("Beijing and Washington have also been at odds over Taiwan's trade, technology and China's military "
     "intimidation.", "intimidation"),
    ("Russia has already faced international sanctions for annexing Crimea.", "sanctions"),
    ("Moscow has denied that it is planning to invade Ukraine and has blamed Ukraine for the build-up.", "blamed"),
    ("Beijing also opposes the sanctions imposed on Moscow.", "opposes"),
    ("Most Western countries support Kyiv with weapons.", "support"),
    ("Presidents Xi and Putin, who have been criticized by the United States, issued a statement.", "criticized"),
])
def test_states_and_background_facts(text: str, trigger: str) -> None:
    assert background(_event(text, trigger), None)


@pytest.mark.parametrize(("text", "trigger"), [
    ("Presidents Xi and Putin, who have been criticized by the United States, issued a statement.",
     "issued statement"),
    ("Moscow, meanwhile, voiced support for Beijing's position that Taiwan is an inalienable part of China.",
     "voiced support"),
    ("Xi also told Putin of his concerns about US activities in the region.", "concerns"),
    ("He reaffirmed the United States' unwavering support for Ukraine's sovereignty.", "reaffirmed"),
])
def test_news_is_not_background(text: str, trigger: str) -> None:
    assert not background(_event(text, trigger), None)


def test_background_is_dated_only_as_before_its_report() -> None:
    text = "China has faced sanctions for cracking down on minorities."
    (e,) = dating.date_events([_event(text, "sanctions", category="SANCTION")], [], REPORT)
    assert e.background and e.date is not None and not e.date.certain
    assert e.date.interval == Interval(None, "2021-12-17")  # not the days just before the report
    assert e.date.evidence[0].kind == "background"


def test_a_state_since_a_year_is_background_even_with_its_time_expression() -> None:
    text = "Russia's relations with the United States have plummeted since the Cold War in 2014."
    t = _timex("2014", text, 0, 0, "2014", lo="2014-01-01", hi="2014-12-31", rule="year")
    (e,) = dating.date_events([_event(text, "plummeted", timex=0)], [t], REPORT)
    assert e.background


def test_a_week_after_the_call_is_counted_from_the_call() -> None:
    first = ("Chinese President Xi Jinping described relations as better than an alliance during a video call with "
             "Russian President Vladimir Putin on Wednesday.")
    second = ("The video call, the second between the two leaders in 2021, came a week after Putin and US "
              "President Joe Biden also met virtually.")
    off = len(first) + 1
    call = _event(first, "call", 0, actors=["Xi Jinping"], recipients=["Vladimir Putin"], timex=0)
    met = _event(second, "met", 1, start=off, actors=["Vladimir Putin"], recipients=["Joe Biden"], timex=1)
    timexes = [
        _timex("Wednesday", first, 0, 0, "2021-12-15", lo="2021-12-15", hi="2021-12-15", rule="weekday"),
        _timex("2021", second, 1, 1, "2021", start=off, lo="2021-01-01", hi="2021-12-31", rule="year"),
        _timex("a week", second, 1, 2, "P1W", "DURATION", start=off, certain=False, rule="duration"),
    ]
    dated = dating.date_events([call, met], timexes, REPORT)
    assert dated[0].date is not None and dated[0].date.date == "2021-12-15"
    m = dated[1].date
    assert m is not None and m.date == "2021-12-08" and m.certain and m.source == "relative"
    assert m.evidence[0].kind == "relative" and "a week after" in m.evidence[0].text


def test_three_days_later_follows_the_event_before() -> None:
    first = "Rebels seized the airport on Monday."
    second = "Three days later, the army retook it."
    off = len(first) + 1
    seized = _event(first, "seized", 0, category="ASSAULT", timex=0)
    retook = _event(second, "retook", 1, start=off, category="ASSAULT")
    timexes = [_timex("Monday", first, 0, 0, "2021-12-13", lo="2021-12-13", hi="2021-12-13", rule="weekday"),
               _timex("Three days", second, 1, 1, "P3D", "DURATION", start=off, certain=False, rule="duration")]
    _, later = dating.date_events([seized, retook], timexes, REPORT)
    assert later.date is not None and later.date.date == "2021-12-16" and later.date.source == "relative"


def test_a_century_dates_nothing() -> None:
    text = "Putin described the relations as a true model of cooperation for the 21st century."
    t = _timex("the 21st century", text, 0, 0, "20", lo="2000-01-01", hi="2099-12-31", rule="year")
    (e,) = dating.date_events([_event(text, "cooperation", category="COOPERATE", timex=0)], [t], REPORT)
    assert e.date is not None and e.date.source != "timex"
    assert e.date.interval is None or e.date.interval.lo != "2000-01-01"


def test_until_a_day_names_an_end_not_the_day_of_the_event() -> None:
    text = "Mexican authorities ordered the closure of schools in the capital until 6 May."
    report = Dated("2009-04-26", True, Interval("2009-04-26", "2009-04-26"), "meta")
    t = _timex("6 May", text, 0, 0, "2008-05-06", lo="2008-05-06", hi="2008-05-06")
    (e,) = dating.date_events([_event(text, "ordered", category="COERCE", timex=0)], [t], report)
    assert e.date is not None and e.date.source == "document" and not e.date.certain  # ordered before the report
    assert e.date.interval is not None and e.date.interval.hi == "2009-04-26"


def test_a_deadline_is_not_the_day_of_the_event() -> None:
    text = "The WFP hopes to have sent 10 million food packs to Haiti by 25 January."
    report = Dated("2010-01-16", True, Interval("2010-01-16", "2010-01-16"), "meta")
    t = _timex("25 January", text, 0, 0, "2009-01-25", lo="2009-01-25", hi="2009-01-25")
    (e,) = dating.date_events([_event(text, "sent", category="AID", timex=0)], [t], report)
    assert e.date is not None and e.date.source != "timex" and not e.date.certain


def test_a_day_after_until_belongs_to_what_ended_then() -> None:
    text = "Fidel Castro accused Mexico of hiding the spread of swine flu until after Obama had visited on 16 April."
    report = Dated("2009-05-12", True, Interval("2009-05-12", "2009-05-12"), "meta")
    t = _timex("16 April", text, 0, 0, "2009-04-16", lo="2009-04-16", hi="2009-04-16")
    (e,) = dating.date_events([_event(text, "accused", category="ACCUSE", timex=0)], [t], report)
    assert e.date is not None and not e.date.certain and e.date.interval is not None
    assert e.date.interval.lo > "2009-04-16"  # said near the report, not on the day of the visit


def test_a_paragraph_break_ends_a_sentence() -> None:
    model = nlp.load()
    sents = [s.text.strip() for s in model("The talks ended on Friday. diplomatic missions\n\nAccording to him, "
                                            "the United States warned China.").sents]
    assert "diplomatic missions" in sents
    assert any(s.startswith("According to him") for s in sents)
