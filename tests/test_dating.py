"""Document, time-expression and event dating: evidence, bounds, year inference, header traps, pins, peers."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline import dating
from storyline.dating.datelines import find_dateline, lead_weekday
from storyline.records import (
    Cluster,
    Dated,
    Document,
    Event,
    Interval,
    MonthDay,
    OnDate,
    PageDate,
    TimeExpression,
    TimeMeaning,
    WeekdayOf,
)
from storyline.settings import DEFAULT

TODAY = dt.date(2026, 11, 22)


def document(text: str, doc_id: str = "d1", page_dates: list[PageDate] | None = None,
             meta: str | None = None) -> Document:
    """A cleaned document as the cleaner hands it over."""
    return Document(id=doc_id, path=doc_id, kind="text", raw=text.encode(), text=text,
                    page_dates=page_dates or [], meta_published=meta)


def tx(doc: Document, words: str, meaning: TimeMeaning, rule: str, index: int = 0, sentence: int = 0,
       type_: str = "DATE") -> TimeExpression:
    """A time expression over the first occurrence of `words` in the document, with the tagger's meaning."""
    start = doc.text.index(words)
    absolute = isinstance(meaning, OnDate)
    return TimeExpression(doc=doc.id, index=index, sentence=sentence, start=start, end=start + len(words),
                          text=words, type=type_, value=meaning.value if isinstance(meaning, OnDate) else "",
                          anchored=not absolute, meaning=meaning, rule=rule)


def kinds(d: Dated) -> set[str]:
    """The kinds of evidence a date decision rests on."""
    return {e.kind for e in d.evidence}


# --- datelines -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, month, day, year", [
    ("Washington, December 30 – The United States said", 12, 30, None),
    ("Headline of the story\n\nMOSCOW, Dec. 30 (Reuters) - Russia said", 12, 30, None),
    ("BEIJING, 4 February 2022 -- China and Russia", 2, 4, 2022),
    ("SAN FRANCISCO, Calif., March 3, 2021 — Officials", 3, 3, 2021),
])
def test_dateline_parsed(text: str, month: int, day: int, year: int | None) -> None:
    dl = find_dateline(text)
    assert dl is not None and (dl.month, dl.day, dl.year) == (month, day, year)
    assert text[dl.start:dl.end] == dl.text


@pytest.mark.parametrize("text", [
    "The United States said on December 30 that it was concerned.",
    "MOSCOW (Reuters) - Russia said on Friday",
    "In December 30 cases were reported - officials said",
])
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_lead_weekday_only_when_one_plain_weekday() -> None:
    one = "Paris, May 3 – Talks went on.\nOn Friday, the ministers met."
    two = "Paris, May 3 – Talks went on.\nOn Friday the ministers met, after Thursday's call."
    last = "Paris, May 3 – Talks went on.\nLast Friday the ministers met."
    assert lead_weekday(one, find_dateline(one)).weekday == 5  # ISO: Friday  # type: ignore[arg-type, union-attr]
    assert lead_weekday(two, find_dateline(two)) is None  # type: ignore[arg-type]
    assert lead_weekday(last, find_dateline(last)) is None  # type: ignore[arg-type]


# --- year inference from weekdays --------------------------------------------------------------------------------

LEAD = ("Washington, December 30 – Officials are concerned about the talks between the two leaders.\n"
        "On Friday, the two presidents held a video call.")
SINCE_INVASION = "\nThe special military operation goes on."  # knowledge: named only from 24 February 2022 on


def test_weekday_fixes_a_unique_year_between_the_bounds() -> None:
    doc = document(LEAD + SINCE_INVASION)
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    # 30 December is a Friday in 2016, 2022 and 2033: only 2022 lies between 2022-02-24 and the run date
    assert (d.date, d.certain, d.source) == ("2022-12-30", True, "dateline+weekday")
    assert {"dateline", "weekday", "knowledge", "run-date"} <= kinds(d)
    # the run date is only an upper bound: a later run finds the same day until 2033 adds another Friday
    assert dating.date_document(doc, [], DEFAULT, today=dt.date(2031, 5, 1)).date == "2022-12-30"
    later = dating.date_document(doc, [], DEFAULT, today=dt.date(2034, 1, 1))
    assert not later.certain and later.interval == Interval("2022-12-30", "2033-12-30")


def test_yearless_dateline_without_a_lower_bound_names_no_year() -> None:
    doc = document(LEAD)
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    # no window counted back from the run date: nothing says which December 30
    assert not d.certain and d.interval == Interval(None, TODAY.isoformat())
    assert [e.interval for e in d.evidence if e.kind == "dateline"] == [Interval(None, None)]


def test_weekday_printed_in_the_dateline_fixes_the_year() -> None:
    doc = document("MOSCOW, Friday, Dec. 30 (AP) — Officials met.\nOn Thursday, talks had stalled." + SINCE_INVASION)
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert (d.date, d.certain, d.source) == ("2022-12-30", True, "dateline+weekday")


def test_weekday_ambiguous_stays_uncertain() -> None:
    doc = document(LEAD + "\nChinese President Xi Jinping spoke first.")  # knowledge: on or after 2013-03-14
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert not d.certain and d.date is None
    # the weekday leaves 2016 and 2022; the stated interval keeps every possible 30 December (the weekday's
    # reading of the lead is an assumption, not a fact)
    assert [e.interval for e in d.evidence if e.kind == "weekday"] == [Interval("2016-12-30", "2022-12-30")]
    assert d.interval == Interval("2013-12-30", "2025-12-30")


def test_weekday_that_fits_no_year_in_bounds_is_not_forced() -> None:
    text = LEAD.replace("On Friday", "On Tuesday") + "\nTalks began in March 2016."
    # 30 December 2016..2021: Fri, Sat, Sun, Mon, Wed, Thu
    doc = document(text, page_dates=[PageDate("Monday, June 20, 2022", "2022-06-20", "rendered", "header", 1)])
    d = dating.date_document(doc, [tx(doc, "March 2016", OnDate("2016-03"), "month-year", 0, 2)], DEFAULT, today=TODAY)
    assert not d.certain and d.interval == Interval("2016-12-30", "2021-12-30")
    assert any(e.kind == "weekday" and e.interval == Interval(None, None) for e in d.evidence)


def test_inferred_year_long_after_the_years_named_stays_uncertain() -> None:
    text = LEAD + SINCE_INVASION + "\nThe two countries signed a treaty in 2011."
    doc = document(text)
    d = dating.date_document(doc, [tx(doc, "2011", OnDate("2011"), "year", 0, 3)], DEFAULT, today=TODAY)
    assert not d.certain and "conflict" in kinds(d)
    recent = document(LEAD + SINCE_INVASION + "\nThe two countries signed a treaty in 2021.")
    d = dating.date_document(recent, [tx(recent, "2021", OnDate("2021"), "year", 0, 3)], DEFAULT, today=TODAY)
    assert (d.date, d.certain) == ("2022-12-30", True)


def test_dateline_without_weekday_gives_one_day_per_possible_year() -> None:
    doc = document("Washington, December 30 – Officials are concerned." + SINCE_INVASION)
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert not d.certain and d.interval == Interval("2022-12-30", "2025-12-30")


# --- header traps ---------------------------------------------------------------------------------------------

CALL = ("Leaders held a video call on Wednesday to discuss relations.\n"
        "Relations have plummeted since 2014, after the annexation.")


def test_rendered_header_is_only_an_upper_bound() -> None:
    doc = document(CALL, page_dates=[PageDate("Monday, June 20, 2022", "2022-06-20", "rendered", "header", 1)])
    tx_ = [tx(doc, "on Wednesday", WeekdayOf(3, "past"), "weekday"), tx(doc, "2014", OnDate("2014"), "year", 1, 1)]
    d = dating.date_document(doc, tx_, DEFAULT, today=TODAY)
    assert not d.certain and d.date is None
    assert d.interval == Interval("2014-01-01", "2022-06-20")
    assert {"rendered", "latest-mention"} <= kinds(d)
    wednesday, year = dating.date_timexes(tx_, d)
    assert not wednesday.certain and wednesday.interval is not None
    assert wednesday.interval.hi == "2022-06-15" and wednesday.interval.lo <= "2014-01-01"  # never just 2022-06-15
    assert year.certain and year.interval == Interval("2014-01-01", "2014-12-31")


def test_weather_widget_is_not_the_publication_date() -> None:
    text = "The president will begin a visit on Monday.\nThe peace formula was presented in November 2022."
    widget = PageDate("Sunday, February 25, 2024", "2024-02-25", "rendered", "widget", 2)
    doc = document(text, page_dates=[widget])
    tx_ = [tx(doc, "on Monday", WeekdayOf(1, "future"), "weekday"),
           tx(doc, "November 2022", OnDate("2022-11"), "month-year", 1, 1)]
    d = dating.date_document(doc, tx_, DEFAULT, today=TODAY)
    assert not d.certain and d.interval == Interval("2022-11-01", "2024-02-25")
    monday = dating.date_timexes(tx_, d)[0]
    assert not monday.certain and monday.interval is not None
    assert monday.interval.lo <= "2023-03-20" <= monday.interval.hi


def test_published_header_is_trusted() -> None:
    doc = document(CALL, page_dates=[PageDate("date 2021-12-17", "2021-12-17", "published", "header", 1)])
    tx_ = [tx(doc, "on Wednesday", WeekdayOf(3, "past"), "weekday")]
    d = dating.date_document(doc, tx_, DEFAULT, today=TODAY)
    assert (d.date, d.certain, d.source) == ("2021-12-17", True, "header")
    wednesday = dating.date_timexes(tx_, d)[0]
    assert wednesday.certain and wednesday.interval == Interval("2021-12-15", "2021-12-15")


def test_trusted_dates_that_disagree_are_uncertain() -> None:
    doc = document(CALL, meta="2021-12-16T22:00:00Z",
                   page_dates=[PageDate("date 2021-12-17", "2021-12-17", "published", "header", 1)])
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert not d.certain and d.interval == Interval("2021-12-16", "2021-12-17")


def test_publication_date_after_the_render_date_is_not_certain() -> None:
    doc = document(CALL, meta="2024-03-01",
                   page_dates=[PageDate("Sunday, February 25, 2024", "2024-02-25", "rendered", "widget", 2)])
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert not d.certain and d.interval == Interval(None, "2024-03-01")
    assert "conflict" in kinds(d)


def test_updated_date_bounds_and_unknown_page_date_is_not_used() -> None:
    doc = document(CALL, page_dates=[PageDate("Updated March 3, 2022", "2022-03-03", "updated", "header", 1),
                                      PageDate("January 9, 2020", "2020-01-09", "unknown", "footer", 40)])
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert not d.certain and d.interval == Interval(None, "2022-03-03")
    assert [e.interval for e in d.evidence if e.kind == "page-date"] == [Interval(None, None)]


def test_dateline_with_its_year_is_certain() -> None:
    doc = document("BEIJING, 4 February 2022 -- The two leaders met.")
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert (d.date, d.certain, d.source) == ("2022-02-04", True, "dateline")


def test_past_date_placed_after_the_document_date_is_ambiguous() -> None:
    text = "The operation, which Putin announced on February 24, goes on."
    doc = document(text, meta="2022-12-30")
    t = tx(doc, "February 24", MonthDay(2, 24, "past"), "month-day")
    feb = dating.date_timexes([t], dating.date_document(doc, [t], DEFAULT, today=TODAY))[0]
    # the tagger's tolerance lets a past-tense date fall up to weeks after the anchor: 2023-02-24 or 2022-02-24
    assert not feb.certain and feb.interval == Interval("2022-02-24", "2023-02-24")
    december = tx(document("They met on December 21.", meta="2022-12-30"), "December 21", MonthDay(12, 21, "past"), "month-day")
    dec = dating.date_timexes([december], dating.date_document(doc, [], DEFAULT, today=TODAY))[0]
    assert dec.certain and dec.interval == Interval("2022-12-21", "2022-12-21")


# --- pins and mentions ------------------------------------------------------------------------------------------

def test_pin_wins_and_relative_dates_follow_it() -> None:
    text = "The two leaders met on Friday afternoon.\nOn Thursday an official spoke."
    doc = document(text)
    tx_ = [tx(doc, "on Friday", WeekdayOf(5, "past"), "weekday"), tx(doc, "On Thursday", WeekdayOf(4, "past"), "weekday", 1, 1)]
    unpinned = dating.date_document(doc, tx_, DEFAULT, today=TODAY)
    assert not unpinned.certain and unpinned.interval == Interval(None, TODAY.isoformat())
    assert all(not t.certain for t in dating.date_timexes(tx_, unpinned))
    pinned = dating.date_document(doc, tx_, DEFAULT, pinned="2022-02-04", today=TODAY)
    assert (pinned.date, pinned.certain, pinned.source) == ("2022-02-04", True, "pinned")
    friday, thursday = dating.date_timexes(tx_, pinned)
    assert (friday.interval, friday.certain) == (Interval("2022-02-04", "2022-02-04"), True)
    assert (thursday.interval, thursday.certain) == (Interval("2022-02-03", "2022-02-03"), True)


def test_latest_mention_is_a_lower_bound_but_not_a_future_one() -> None:
    text = ("Troops massed in November 2021, after talks on March 3, 2021.\n"
            "Elections will be held on June 1, 2030.")
    doc = document(text)
    tx_ = [tx(doc, "November 2021", OnDate("2021-11"), "month-year"),
           tx(doc, "March 3, 2021", OnDate("2021-03-03"), "full-date", 1),
           tx(doc, "June 1, 2030", OnDate("2030-06-01"), "full-date", 2, 1)]
    d = dating.date_document(doc, tx_, DEFAULT, today=TODAY)
    assert not d.certain and d.interval == Interval("2021-11-01", TODAY.isoformat())
    lower = [e for e in d.evidence if e.kind == "latest-mention"]
    assert [e.text for e in lower] == ["November 2021"]


def test_mention_after_the_upper_bound_is_not_used() -> None:
    text = "The Olympics open in February 2022, officials said."
    doc = document(text, page_dates=[PageDate("Thursday, December 16, 2021", "2021-12-16", "rendered", "header")])
    d = dating.date_document(doc, [tx(doc, "February 2022", OnDate("2022-02"), "month-year")], DEFAULT, today=TODAY)
    assert d.interval == Interval(None, "2021-12-16")


# --- events ---------------------------------------------------------------------------------------------------

def event(doc: Document, eid: str, sentence: int, words: str, timex: int | None = None,
          future: bool = False) -> Event:
    """An event over the sentence holding `words`."""
    start = doc.text.index(words)
    return Event(id=eid, doc=doc.id, sentence=sentence, start=start, end=start + len(words), text=words,
                 category="CONSULT", actors=["A"], trigger=words.split()[1], timex=timex, future=future)


def test_event_interval_from_an_uncertain_document_date() -> None:
    doc = document(CALL, page_dates=[PageDate("Monday, June 20, 2022", "2022-06-20", "rendered", "header", 1)])
    tx_ = [tx(doc, "on Wednesday", WeekdayOf(3, "past"), "weekday"), tx(doc, "2014", OnDate("2014"), "year", 1, 1)]
    pub = dating.date_document(doc, tx_, DEFAULT, today=TODAY)
    resolved = dating.date_timexes(tx_, pub)
    call = event(doc, "e1", 0, "Leaders held a video call on Wednesday to discuss relations.")
    plunge = event(doc, "e2", 1, "Relations have plummeted since 2014, after the annexation.")
    nothing = Event(id="e3", doc=doc.id, sentence=5, start=0, end=5, text="Other", category="SAY")
    dated = {e.id: e.date for e in dating.date_events([call, plunge, nothing], resolved, pub)}
    assert dated["e1"] is not None and not dated["e1"].certain and dated["e1"].date is None
    assert dated["e1"].interval is not None and dated["e1"].interval.hi == "2022-06-15"
    assert dated["e1"].evidence[0].kind == "timex" and dated["e1"].evidence[0].text == "on Wednesday"
    assert dated["e2"] is not None and dated["e2"].evidence[0].text == "2014"
    # a year is the span the event lies in, not its day
    assert not dated["e2"].certain and dated["e2"].interval == Interval("2014-01-01", "2014-12-31")
    assert dated["e3"] is not None and not dated["e3"].certain and dated["e3"].interval == Interval("2013-12-25", "2022-06-20")


def test_event_without_time_expression_is_shortly_before_a_certain_report() -> None:
    doc = document("Officials met in the capital.", meta="2021-12-17")
    pub = dating.date_document(doc, [], DEFAULT, today=TODAY)
    e = dating.date_events([event(doc, "e1", 0, "Officials met in the capital.")], [], pub)[0]
    assert e.date is not None and not e.date.certain
    assert e.date.interval == Interval("2021-12-10", "2021-12-17")


# --- peers: date repair through a same-event cluster -------------------------------------------------------------

def test_peer_agreement_dates_the_uncertain_report() -> None:
    good = document("Xi described relations as better than an alliance during a video call on Wednesday.",
                    "good", page_dates=[PageDate("date 2021-12-17", "2021-12-17", "published", "header", 1)])
    bad = document(CALL, "bad", page_dates=[PageDate("Monday, June 20, 2022", "2022-06-20", "rendered", "header", 1)])
    docs = {"good": good, "bad": bad}
    timexes = {"good": [tx(good, "on Wednesday", WeekdayOf(3, "past"), "weekday")],
               "bad": [tx(bad, "on Wednesday", WeekdayOf(3, "past"), "weekday"), tx(bad, "2014", OnDate("2014"), "year", 1, 1)]}
    events = {"good": [event(good, "g1", 0, good.text)],
              "bad": [event(bad, "b1", 0, "Leaders held a video call on Wednesday to discuss relations.")]}
    published = {}
    for k, doc in docs.items():
        published[k] = dating.date_document(doc, timexes[k], DEFAULT, today=TODAY)
        timexes[k] = dating.date_timexes(timexes[k], published[k])
        events[k] = dating.date_events(events[k], timexes[k], published[k])
    assert published["good"].certain and not published["bad"].certain
    everything = events["good"] + events["bad"]
    clusters = [Cluster(id="c1", events=["g1", "b1"], documents=["good", "bad"], category="CONSULT", actors=["A"])]
    peers = dating.peer_constraints(clusters, everything, published, timexes)
    assert list(peers) == ["bad"]
    redated = dating.date_document(bad, timexes["bad"], DEFAULT, peers=peers["bad"], today=TODAY)
    assert not redated.certain and redated.interval == Interval("2021-12-15", "2021-12-21")
    assert redated.source.startswith("cluster") and "cluster" in kinds(redated)
    assert any(e.kind == "cluster" and e.doc == "good" for e in redated.evidence)
    timexes["bad"] = dating.date_timexes(timexes["bad"], redated)
    events["bad"] = dating.date_events(events["bad"], timexes["bad"], redated)
    # the call now has one day, yet stays uncertain: it rests on the clustering
    call = events["bad"][0].date
    assert call is not None and not call.certain and call.interval == Interval("2021-12-15", "2021-12-15")
    everything = events["good"] + events["bad"]
    dating.date_clusters(clusters, everything, {**published, "bad": redated})
    assert clusters[0].date is not None and (clusters[0].date.date, clusters[0].date.certain) == ("2021-12-15", True)


def test_peer_that_contradicts_the_report_is_not_used() -> None:
    good = document("Leaders met on Friday.", "good", meta="2022-12-30")
    bad = document(CALL, "bad", page_dates=[PageDate("Monday, June 20, 2022", "2022-06-20", "rendered", "header", 1)])
    t_good = dating.date_timexes([tx(good, "on Friday", WeekdayOf(5, "past"), "weekday")],
                                 dating.date_document(good, [], DEFAULT, today=TODAY))
    pub_good = dating.date_document(good, [], DEFAULT, today=TODAY)
    t_bad = [tx(bad, "on Wednesday", WeekdayOf(3, "past"), "weekday")]
    pub_bad = dating.date_document(bad, t_bad, DEFAULT, today=TODAY)
    t_bad = dating.date_timexes(t_bad, pub_bad)
    evs = (dating.date_events([event(good, "g1", 0, good.text)], t_good, pub_good)
           + dating.date_events([event(bad, "b1", 0, "Leaders held a video call on Wednesday to discuss relations.")],
                                t_bad, pub_bad))
    clusters = [Cluster(id="c1", events=["g1", "b1"], documents=["good", "bad"], category="CONSULT", actors=["A"])]
    # a 2022-12-30 meeting cannot be reported by a page rendered on 2022-06-20: no constraint, no inheritance
    assert dating.peer_constraints(clusters, evs, {"good": pub_good, "bad": pub_bad}, {"good": t_good, "bad": t_bad}) == {}
    dating.date_clusters(clusters, evs)
    assert evs[1].date is not None and not evs[1].date.certain


# --- the sample corpus (acceptance) ------------------------------------------------------------------------------

SEED_TRUTH = {  # document -> (the day it was published, or the days it may have been, from the gold notes)
    "000_398edae29dc0a0f7.txt": ("2022-12-30", "2022-12-30"),
    "001_aeb0318e1830370f.txt": ("2021-12-15", "2021-12-16"),
    "002_602a98f70495e680.txt": ("2022-02-04", "2022-02-05"),
    "003_ed86248c0699244c.txt": ("2023-03-17", "2023-03-20"),
    "004_1f7213e7b594bad1.txt": ("2021-12-17", "2021-12-17"),
}


def _seed_dates(db) -> dict[str, Dated]:
    """The stored document dates of a seeds store."""
    from storyline.store import Store

    with Store(db, read_only=True) as store:
        return {i: store.published(i) for i in store.document_ids()}  # type: ignore[misc]


def _never_confidently_wrong(name: str, d: Dated | None) -> None:
    """A certain date must be a true day; an uncertain one must hold a true day in its interval."""
    lo, hi = SEED_TRUTH[name]
    assert d is not None, name
    if d.certain:
        assert d.date is not None and len(d.date) == 10 and lo <= d.date <= hi, (name, d)
    elif d.interval is not None:
        assert (d.interval.lo is None or d.interval.lo <= hi) and (d.interval.hi is None or lo <= d.interval.hi), \
            (name, d)


def test_seeds_document_dates(seeds_db) -> None:
    dates = _seed_dates(seeds_db)
    assert set(SEED_TRUTH) <= set(dates)
    for name in SEED_TRUTH:
        _never_confidently_wrong(name, dates[name])
    for name in ("000_398edae29dc0a0f7.txt", "004_1f7213e7b594bad1.txt"):
        assert dates[name].certain and dates[name].date == SEED_TRUTH[name][0], (name, dates[name])
    for name in ("002_602a98f70495e680.txt", "003_ed86248c0699244c.txt"):
        assert not dates[name].certain, (name, dates[name])
    assert dates["000_398edae29dc0a0f7.txt"].source == "dateline+weekday"
    # 002 prints no date: Jen Psaki's term and the Beijing Winter Olympics (opened Friday 4 February 2022) bound it
    no_date = dates["002_602a98f70495e680.txt"]
    assert no_date.interval is not None and no_date.interval.lo and no_date.interval.hi
    assert "2021-01-20" <= no_date.interval.lo <= "2022-02-04" <= no_date.interval.hi <= "2022-05-13", no_date
    knowledge = [e for e in no_date.evidence if e.kind == "knowledge"]
    assert any("Psaki" in e.text for e in knowledge) and any("Olympics" in e.text for e in knowledge)
    assert all(e.sentence is not None for e in knowledge), knowledge  # each piece of evidence says where it stands


def test_seeds_event_dates_never_confidently_wrong(seeds_db) -> None:
    from storyline.store import Store

    with Store(seeds_db, read_only=True) as store:
        events = store.events()
        published = {i: store.published(i) for i in store.document_ids()}
    assert events, "the events stage found nothing to date"
    for e in events:
        assert e.date is not None, e
        if e.date.certain:
            pub = published[e.doc]
            # an event stated as certain rests on a certain document date, an absolute date, or a cluster
            assert (pub is not None and pub.certain) or e.date.source in ("cluster", "timex"), e
            if e.date.source == "timex" and not (pub and pub.certain):
                assert e.date.evidence[0].kind == "timex"
        assert not (e.date.certain and e.date.date in ("2022-06-15", "2024-02-26", "2024-02-22")), e


def test_seeds_pinned_document_is_exact(seeds_dir, tmp_path) -> None:
    from storyline.pipeline import build
    from storyline.store import Store

    db = tmp_path / "pinned.duckdb"
    with Store(db) as store:
        build([seeds_dir], store, pins={"002_602a98f70495e680.txt": "2022-02-04"})
    with Store(db, read_only=True) as store:
        pub = store.published("002_602a98f70495e680.txt")
        tx = store.timexes("002_602a98f70495e680.txt")
    assert pub is not None and (pub.date, pub.certain, pub.source) == ("2022-02-04", True, "pinned")
    by_text = {t.text.lower(): t for t in tx}
    thursday = next((t for k, t in by_text.items() if k.endswith("thursday")), None)
    assert thursday is not None and thursday.certain and thursday.interval == Interval("2022-02-03", "2022-02-03")


def test_cluster_without_a_certain_member_takes_the_hull() -> None:
    a = document("Ministers spoke by phone on Friday.", "a")
    b = document("Ministers spoke by phone on Thursday.", "b")
    ea = event(a, "a1", 0, a.text)
    eb = event(b, "b1", 0, b.text)
    ea.date = Dated(None, False, Interval("2022-01-01", "2022-02-10"), "timex")
    eb.date = Dated(None, False, Interval("2022-02-01", "2022-03-31"), "timex")
    got = dating.cluster_date([ea, eb])
    assert got is not None and not got.certain and got.interval == Interval("2022-01-01", "2022-03-31")


def test_member_whose_weekday_cannot_be_the_cluster_day_does_not_inherit_it() -> None:
    good = document("Leaders met in Beijing on Friday.", "good", meta="2022-02-04")
    bad = document(CALL, "bad", page_dates=[PageDate("Monday, June 20, 2022", "2022-06-20", "rendered", "header", 1)])
    timexes = {"good": [tx(good, "on Friday", WeekdayOf(5, "past"), "weekday")],
               "bad": [tx(bad, "on Wednesday", WeekdayOf(3, "past"), "weekday")]}
    published = {k: dating.date_document(d, timexes[k], DEFAULT, today=TODAY) for k, d in (("good", good), ("bad", bad))}
    timexes = {k: dating.date_timexes(v, published[k]) for k, v in timexes.items()}
    evs = (dating.date_events([event(good, "g1", 0, good.text)], timexes["good"], published["good"])
           + dating.date_events([event(bad, "b1", 0, "Leaders held a video call on Wednesday to discuss relations.")],
                                timexes["bad"], published["bad"]))
    # 2022-02-04 lies inside the bad report's Wednesday interval, but it is a Friday
    assert evs[1].date is not None and evs[1].date.interval is not None
    assert evs[1].date.interval.lo is None and "2022-02-04" <= evs[1].date.interval.hi
    clusters = [Cluster(id="c1", events=["g1", "b1"], documents=["good", "bad"], category="CONSULT", actors=["A"])]
    assert dating.peer_constraints(clusters, evs, published, timexes) == {}
    before = evs[1].date
    dating.date_clusters(clusters, evs, published, timexes)
    assert evs[1].date == before
    assert clusters[0].date is not None and clusters[0].date.date == "2022-02-04"
    assert [e.doc for e in clusters[0].date.evidence if e.kind == "conflict"] == ["bad"]
