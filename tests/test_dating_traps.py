"""Dating traps from real corpora: dated bullets, year-less datelines far from the run date, folder and URL dates,
numbers and names that look like dates, reader comments, copies, and world knowledge as bounds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from test_dating import kinds, tx

from storyline import dating
from storyline.dating import knowledge
from storyline.dating.datelines import comments_start, find_dateline, find_stamp
from storyline.dating.paths import archive_layout, folder_date, url_date
from storyline.records import (
    Dated,
    Document,
    Interval,
    MonthDay,
    OnDate,
    WeekdayOf,
)
from storyline.settings import DEFAULT

TODAY = dt.date(2026, 11, 22)


def document(text: str, doc_id: str = "d1", path: str | None = None, url: str | None = None) -> Document:
    """A cleaned document as the cleaner hands it over."""
    return Document(id=doc_id, path=path or doc_id, kind="text", raw=text.encode(), text=text, url=url)


def never_certain_elsewhere(d: Dated, truth: str) -> None:
    """A certain date must be the truth; an uncertain interval must hold it."""
    if d.certain:
        assert d.date == truth, d
    else:
        lo, hi = (d.interval.lo, d.interval.hi) if d.interval else (None, None)
        assert (lo is None or lo <= truth) and (hi is None or truth <= hi), d


# --- a dated bullet is not a dateline -----------------------------------------------------------------------------

BULLETS = ("Libya: the key dates\n"
           "10 April : Government must withdraw its forces from the cities, the rebels say.\n"
           "11 April : The African Union envoys leave Benghazi without a deal.\n"
           "The rebels said on Saturday that they would fight on.")


def test_a_dated_bullet_is_not_a_dateline() -> None:
    assert find_dateline(BULLETS) is None
    assert find_dateline("June 16 : A drilling rig operates in the Gulf of Mexico.") is None  # a caption
    assert find_dateline("10 April : Government must withdraw.\nOn Saturday, talks resumed.") is None


def test_bullet_and_weekday_never_make_a_certain_date() -> None:
    # the trap: '10 April' taken as the dateline and 'Saturday' as its weekday gave 2021-04-10, certain
    doc = document(BULLETS)
    d = dating.date_document(doc, [], DEFAULT, today=dt.date(2026, 11, 27))
    assert not d.certain and "dateline" not in kinds(d) and "weekday" not in kinds(d)
    in_archive = document(BULLETS, "2012-04-07/235.htm.txt")
    archive = archive_layout([("2012-04-07/235.htm.txt", "2012-04-07/235.htm.txt", None),
                              ("2012-04-09/236.htm.txt", "2012-04-09/236.htm.txt", None)])
    d = dating.date_document(in_archive, [], DEFAULT, today=TODAY,
                             context=dating.Context(archive=archive["2012-04-07/235.htm.txt"]))
    assert (d.date, d.certain, d.source) == ("2012-04-07", True, "path")


def test_a_dateline_with_a_place_still_counts_beside_a_chronology() -> None:
    text = "BENGHAZI, Libya, April 10 (Reuters) - Rebels rejected the plan.\n10 April : talks.\n11 April : more."
    dl = find_dateline(text)
    assert dl is not None and (dl.month, dl.day, dl.place) == (4, 10, "BENGHAZI, Libya")


def test_tokenized_dateline_and_stamp() -> None:
    text = "WASHINGTON | Mon Mar 2 , 2009 4:23 pm EST WASHINGTON -LRB- Reuters -RRB- - Virtually all flu cases"
    stamp = find_stamp(text)
    assert stamp is not None and stamp.date == dt.date(2009, 3, 2) and stamp.role == "published"
    dl = find_dateline("NEW YORK , Sept. 24 -- Stocks fell.")
    assert dl is not None and (dl.month, dl.day, dl.year) == (9, 24, None)
    updated = find_stamp("Last updated : 1 may , 2009 - 17:54 GMT Mexico shuts down")
    assert updated is not None and updated.role == "updated" and updated.date == dt.date(2009, 5, 1)
    tuesday = find_stamp("Tue Apr 28 , 2009 6:32 pm EDT Mexico")  # 28 April 2009 was a Tuesday ...
    assert tuesday is not None and tuesday.date == dt.date(2009, 4, 28)
    assert find_stamp("Wed Apr 28 , 2009 6:32 pm EDT Mexico") is None  # ... so a Wednesday there is no stamp
    assert find_stamp("A file photo taken May 8 , 2008 in Beijing.") is None  # a date without a time


def test_a_stamp_dates_the_document_and_a_print_dateline_a_day_early_agrees() -> None:
    d = dating.date_document(document("Markets | Thu Oct 9 , 2008 10:10 AM ET Stocks fell."), [], DEFAULT,
                             today=TODAY)
    assert (d.date, d.certain, d.source) == ("2008-10-09", True, "header")
    archive = archive_layout([("a/2008-09-25/1.txt", "a/2008-09-25/1.txt", None),
                              ("a/2008-09-26/2.txt", "a/2008-09-26/2.txt", None)])
    doc = document("NEW YORK, Sept. 24, 2008 -- Stocks fell sharply yesterday.", "a/2008-09-25/1.txt")
    d = dating.date_document(doc, [], DEFAULT, today=TODAY, context=dating.Context(archive=archive[doc.id]))
    # the next morning's paper: the dateline is the day the story was filed
    assert (d.date, d.certain) == ("2008-09-25", True) and {"path", "dateline"} <= kinds(d)


# --- a year-less dateline takes its year from the evidence, not from the run date -------------------------------

OLD = ("Washington, December 30 – Officials are worried about the talks, a White House official said.\n"
       "On Thursday, President Barack Obama spoke to both leaders.\n"
       "The talks started in November 2010.")


def test_yearless_dateline_of_an_old_archive() -> None:
    doc = document(OLD)
    tx_ = [tx(doc, "November 2010", OnDate("2010-11"), "month-year", 0, 2)]
    for today in (TODAY, dt.date(2040, 1, 1)):
        d = dating.date_document(doc, tx_, DEFAULT, today=today)
        # between November 2010 (the latest date named) and February 2017 (Obama's term, and a month of grace),
        # 30 December is a Thursday only in 2010: the run date plays no part
        assert (d.date, d.certain, d.source) == ("2010-12-30", True, "dateline+weekday"), today
        assert "knowledge" in kinds(d)


def test_yearless_dateline_takes_its_year_from_a_dated_archive() -> None:
    paths = ["wire/2010/05/a.txt", "wire/2010/06/b.txt"]
    archive = archive_layout([(p, p, None) for p in paths])
    assert all(a.trusted for a in archive.values())
    doc = document("WASHINGTON, May 24 (Reuters) - BP said it would try again.", paths[0])
    d = dating.date_document(doc, [], DEFAULT, today=TODAY, context=dating.Context(archive=archive[paths[0]]))
    assert (d.date, d.certain) == ("2010-05-24", True) and "path" in kinds(d)


# --- folder and URL dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, lo, hi", [
    ("t17/bpoil_bbc/InputDocs/2012-04-07/235.htm.txt", "2012-04-07", "2012-04-07"),
    ("archive/2011/03/19/story.txt", "2011-03-19", "2011-03-19"),
    ("dump/20110319-libya.html", "2011-03-19", "2011-03-19"),
    ("news/2011/03/libya-story.html", "2011-03-01", "2011-03-31"),
])
def test_folder_dates(path: str, lo: str, hi: str) -> None:
    found = folder_date(path)
    assert found is not None and (found.lo.isoformat(), found.hi.isoformat()) == (lo, hi)


@pytest.mark.parametrize("path", ["reports/1973-report.txt", "t17/bpoil/InputDocs/235.htm.txt", "ids/12345678.txt",
                                  "2011-13-40/x.txt"])
def test_no_folder_date(path: str) -> None:
    assert folder_date(path) is None


def test_a_folder_date_counts_only_in_a_dated_archive() -> None:
    one = archive_layout([("crawl/2024-05-01/a.txt", "crawl/2024-05-01/a.txt", None),
                          ("crawl/2024-05-01/b.txt", "crawl/2024-05-01/b.txt", None)])
    assert not any(a.trusted for a in one.values())  # everything in one dated folder: a download day, perhaps
    doc = document("Officials met.", "crawl/2024-05-01/a.txt")
    d = dating.date_document(doc, [], DEFAULT, today=TODAY, context=dating.Context(archive=one[doc.id]))
    assert not d.certain and "path" in kinds(d)
    own = dt.date(2024, 6, 3)
    disagree = archive_layout([(f"x/2024-05-0{i}/a.txt", f"x/2024-05-0{i}/a.txt", own) for i in range(1, 5)])
    assert not any(a.trusted for a in disagree.values())  # folders whose documents print other dates


def test_url_dates() -> None:
    doc = document("The council voted.", url="https://news.example.org/2011/03/19/libya-vote.html")
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert (d.date, d.certain, d.source) == ("2011-03-19", True, "url")
    month = dating.date_document(document("The council voted.", url="https://example.org/2011/03/libya.html"), [],
                                 DEFAULT, today=TODAY)
    assert not month.certain and month.interval == Interval("2011-03-01", "2011-03-31")
    found = url_date("https://example.org/world/2011-03-19/vote")
    assert found is not None and found.day == dt.date(2011, 3, 19)


# --- numbers and names that look like dates ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tag():
    """The temporal tagger on a parsed text."""
    from storyline import nlp, timex

    model = nlp.load(DEFAULT.spacy_model)
    return lambda text: [(t.text, t.meaning) for t in timex.tag(model(text), "d")]


def test_resolution_number_is_not_a_year(tag) -> None:
    assert tag("The Security Council passed UN resolution 1973 on Thursday.") == [("Thursday", WeekdayOf(4, "past"))]
    assert ("1973", OnDate("1973")) in tag("The war of 1973 changed the region.")
    hints = knowledge.find("Nato enforces UN resolution 1973 over Libya.")
    assert [(h.kind, h.lo) for h in hints] == [("event", dt.date(2011, 3, 17))]  # adopted 17 March 2011


def test_times_of_a_live_page_are_not_years(tag) -> None:
    live = ("Rescue teams arrived .\n1630 UN Secretary General Ban Ki-moon describes the operation .\n"
            "1813 US President Barack Obama says the devastation is extraordinary .\n"
            "2012 Thomas Ewald , the leader of a US rescue unit , says they found survivors .")
    assert tag(live) == []
    assert [t for t, _ in tag("2008 was a bad year. 2009 was worse. 2010 was better.")] == ["2008", "2009", "2010"]


def test_named_alliance_is_not_a_date(tag) -> None:
    assert tag("Lebanon's March 14 alliance won the vote.") == []
    assert tag("The 14 March coalition met.") == []
    assert tag("The October 7 attacks shocked Israel.") == []
    assert tag("Thousands marched on March 14.") == [("March 14", MonthDay(3, 14, "past"))]


def resolved(text: str, published: str) -> dict[str, tuple[str, bool]]:
    """{expression: (value, certain)} of a text tagged by the build's tagger and dated to `published`."""
    from storyline import nlp, timex

    model = nlp.load(DEFAULT.spacy_model)
    doc = Dated(date=published, certain=True, interval=None, source="pinned", evidence=[])
    return {t.text: (t.value, t.certain) for t in dating.date_timexes(timex.tag(model(text), "d"), doc)}


def test_a_tokenized_full_date_keeps_its_year() -> None:
    # Timeline17's texts are tokenized: 'April 15 , 2003' read as April 15 of the report's year (2006, certain)
    got = resolved("Julian Borger reports On April 15 , 2003 , in the Iraqi city of Basra , a journalist stormed "
                   "up to a US marine .", "2005-11-21")
    assert got["April 15 , 2003"] == ("2003-04-15", True)
    assert resolved("Troops left on 3 May , 2004 .", "2005-01-01")["3 May , 2004"] == ("2004-05-03", True)


def test_a_date_of_a_distant_past_keeps_its_year() -> None:
    # '15 June 1215' was June 15 of the year before the report (2009-06-15), and its event certain on that day
    got = resolved("He met their leaders at Runnymede , near London on 15 June 1215 .", "2010-02-27")
    assert got["15 June 1215"] == ("1215-06-15", True)
    assert resolved("On June 15, 1066 the king died.", "2010-02-27")["June 15, 1066"] == ("1066-06-15", True)
    # a clock after a day and a month is no year: the day stays the report's year's, not certain
    clock = resolved("Updated 15 June 1215 BST : troops moved .", "2010-06-15")
    assert "15 June 1215 BST" not in clock and all(not v.startswith("1215") for v, _ in clock.values())


def test_a_day_that_a_year_of_its_sentence_denies_is_no_certain_day() -> None:
    # a radio schedule's 'Friday 5 March' before 'In 1967 , a chance meeting': the meeting was 2009-03-05, certain
    from storyline import nlp, timex
    from storyline.records import Event

    model = nlp.load(DEFAULT.spacy_model)
    report = Dated(date="2010-02-27", certain=True, interval=Interval("2010-02-27", "2010-02-27"), source="pinned",
                   evidence=[])
    text = ("Monday 1 to Friday 5 March In 1967 , a chance meeting between Patti Smith and Robert Mapplethorpe led "
            "to a romance .")
    found = dating.date_timexes(timex.tag(model(text), "d"), report)
    (linked,) = [t.index for t in found if t.text.endswith("5 March")]
    meeting = Event(id="e", doc="d", sentence=0, start=0, end=len(text), text=text, category="CONSULT",
                    trigger="meeting", timex=linked)
    (e,) = dating.date_events([meeting], found, report)
    assert e.date is not None and not e.date.certain


def test_a_weekday_printed_with_a_day_picks_its_year() -> None:
    # 5 March 2009 was a Thursday: 'Friday 5 March' near 27 February 2010 is 2010's, 'Thursday 5 March' 2009's
    assert resolved("The series runs until Friday 5 March .", "2010-02-27")["Friday 5 March"] == ("2010-03-05", True)
    assert resolved("They met on Thursday 5 March .", "2010-02-27")["Thursday 5 March"] == ("2009-03-05", True)


def test_a_done_event_after_its_report_is_no_certain_day() -> None:
    from storyline import nlp, timex
    from storyline.records import Event

    model = nlp.load(DEFAULT.spacy_model)
    report = Dated(date="2010-02-27", certain=True, interval=Interval("2010-02-27", "2010-02-27"), source="pinned",
                   evidence=[])
    text = "On Friday 5 March , a chance meeting between the two led to a romance ."
    found = dating.date_timexes(timex.tag(model(text), "d"), report)
    meeting = Event(id="e", doc="d", sentence=0, start=0, end=len(text), text=text, category="CONSULT",
                    trigger="meeting", timex=found[0].index)
    (e,) = dating.date_events([meeting], found, report)
    assert e.date is not None and not e.date.certain


def test_the_next_day_without_a_date_before_it_is_no_certain_day() -> None:
    # counted from the report it was certain and wrong: the story told of March 2004, the report is of October 2005
    for text in ("By the next day , it was clear that Islamists , not Basques , had attacked Madrid .",
                 "He said the US began to win the war the day after its envoy was evacuated from the roof .",
                 "It was a decision first communicated to his followers the following day ."):
        ((_, (_, certain)),) = resolved(text, "2005-10-09").items()
        assert not certain, text
    got = resolved("The mayor resigned on 3 March 2005 . The next day the council met .", "2005-10-09")
    assert got["The next day"] == ("2005-03-04", True)  # counted from the date before it
    assert resolved("The minister will arrive tomorrow .", "2005-10-09")["tomorrow"] == ("2005-10-10", True)


def test_a_day_far_ahead_of_the_report_whose_tense_nothing_tells_is_not_certain() -> None:
    # 'September 11' in June 2005 is the 2001 attacks, not 2005-09-11; Thanksgiving in June is the one before
    for text, published in (("The only way our enemies can succeed is if we forget the lessons of September 11 .",
                              "2005-06-29"),
                             ("They show the White House turkey posing at Thanksgiving .", "2005-06-18")):
        ((_, (_, certain)),) = resolved(text, published).items()
        assert not certain, text
    # near the report, or in a sentence that speaks of the future, a month and day stays certain
    assert resolved("With elections on December 15 , a statement is expected .", "2005-11-23")["December 15"] \
        == ("2005-12-15", True)
    assert resolved("The summit will open on September 11 .", "2005-06-29")["September 11"] == ("2005-09-11", True)


def test_a_possessive_weekday_under_a_future_verb_is_either_way() -> None:
    # 'how it can help Haiti after Tuesday's earthquake' (report of Wednesday 20 January 2010): it was the 12th, not
    # the coming Tuesday, 26 January, which was stated as certain
    got = resolved("Caricom is trying to work out how it can help Haiti after Tuesday 's massive earthquake .",
                   "2010-01-20")
    assert got["Tuesday"][1] is False
    assert resolved("The president will visit the city on Tuesday .", "2010-01-20")["Tuesday"] == ("2010-01-26", True)


def test_a_readers_date_is_not_the_articles() -> None:
    article = ("TRIPOLI, June 1 (Reuters) - NATO jets struck the capital overnight, officials said. " * 4).strip()
    comments = "\nComments\nAt 15:38 20th Jan 2012, BluesBerry wrote: as FAZ 14 June reported, this is war."
    text = article + comments
    start = comments_start(text)
    assert start is not None and text[start:].startswith("Comments")
    doc = document(text, url="https://example.org/2011/06/01/libya.html")
    t = tx(doc, "14 June", MonthDay(6, 14, "past"), "month-day")
    late = tx(doc, "20th Jan 2012", OnDate("2012-01-20"), "full-date", 1)
    d = dating.date_document(doc, [t, late], DEFAULT, today=TODAY)
    assert (d.date, d.certain) == ("2011-06-01", True)
    assert not any(e.kind in ("conflict", "latest-mention") for e in d.evidence)  # the comment's 2012 is ignored
    june, _ = dating.date_timexes([t, late], d, start)
    # in the article it would be 2011-06-14; a reader wrote it at an unknown time after the article
    assert not june.certain and june.interval is not None and june.interval.hi is None
    # a page flattened to one line per paragraph: the comment header stands inside a line
    flat = article + " Share this ... At 04:23 23rd Aug 2010 , dylen wrote : This comment was removed ."
    found = comments_start(flat)
    assert found is not None and flat[found:].startswith("At 04:23")


def test_a_later_versions_date_is_no_lower_bound() -> None:
    doc = document("Aid arrived in Port-au-Prince on Wednesday.\nNote : The photograph on this page was updated in "
                   "2011 .")
    d = dating.date_document(doc, [tx(doc, "2011", OnDate("2011"), "year", 0, 1)], DEFAULT, today=TODAY)
    assert "latest-mention" not in kinds(d) and d.interval == Interval(None, TODAY.isoformat())


# --- copies --------------------------------------------------------------------------------------------------------

def test_a_copy_takes_its_originals_date() -> None:
    original = Dated("2021-12-17", True, Interval("2021-12-17", "2021-12-17"), "meta")
    copy = document("Xi tells Putin Russia and China are better than allies.", "copy.txt")
    d = dating.date_document(copy, [], DEFAULT, today=TODAY,
                             context=dating.Context(original="feed.jsonl#1", original_date=original))
    assert (d.date, d.certain, d.source) == ("2021-12-17", True, "copy")
    assert d.evidence[0].kind == "copy" and d.evidence[0].doc == "feed.jsonl#1"
    own = document(copy.text, "copy.txt", url="https://example.org/2021/12/18/xi-putin.html")
    d = dating.date_document(own, [], DEFAULT, today=TODAY, context=dating.Context(original="feed.jsonl#1",
                                                                                  original_date=original))
    assert (d.date, d.source) == ("2021-12-18", "url")  # a copy with a date of its own keeps it


def test_an_exact_copy_in_a_build_shows_the_originals_date(tmp_path: Path) -> None:
    import storyline
    from storyline.pipeline import build
    from storyline.store import Store

    text = ("Xi tells Putin Russia, China are better than allies, Kremlin says.\n\n"
            "Chinese President Xi Jinping told Russian President Vladimir Putin that ties were strong.")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps({"id": "wire-1", "text": text, "published": "2021-12-17"}) + "\n")
    (folder / "b.txt").write_text(text)
    db = tmp_path / "copies.duckdb"
    with Store(db) as store:
        build([folder], store)
    docs = {d["id"]: d for d in storyline.open(db).docs()}
    copy = next(d for d in docs.values() if d["duplicate_of"])
    assert copy["published"]["date"] == "2021-12-17" and copy["published"]["certain"], copy["published"]
    assert copy["published"]["evidence"][0]["kind"] == "copy"


# --- world knowledge -----------------------------------------------------------------------------------------------

def test_office_holder_bounds_a_report_to_the_term() -> None:
    doc = document("The White House played it down. \u201cWe can control our relationship,\u201d White House "
                   "spokeswoman Jen Psaki told reporters.")
    d = dating.date_document(doc, [], DEFAULT, today=TODAY)
    assert not d.certain and d.interval is not None
    assert d.interval.lo == "2021-01-20" and d.interval.hi is not None and d.interval.hi <= "2022-06-12"
    psaki = [e for e in d.evidence if e.kind == "knowledge"]
    assert psaki and "white-house-spokesperson" in psaki[0].note


@pytest.mark.parametrize("text", [
    "Former White House spokeswoman Jen Psaki said so on her show.",
    "President-elect Barack Obama named his team.",
    "Xi met United Russia President Dmitry Medvedev in Beijing.",
    "Jen Psaki, the former White House press secretary, said so.",
])
def test_a_title_that_is_not_current_bounds_nothing(text: str) -> None:
    assert [h for h in knowledge.find(text) if h.kind == "office" and h.hi is not None] == []


def test_a_sentence_that_looks_back_keeps_only_the_start_of_the_term() -> None:
    (h,) = knowledge.find("In 2003, President George W. Bush ordered the invasion of Iraq.")
    assert (h.lo, h.hi) == (dt.date(2001, 1, 20), None)
    (h,) = knowledge.find("He revealed that Mr Blair had written privately to President Bush, promising support.")
    assert h.hi is None  # the past perfect tells of an earlier time


def test_olympics_date_the_meeting_and_the_report() -> None:
    text = ("The White House did not attach much importance to a meeting Friday between the two leaders.\n"
            "The two leaders met in Beijing on Friday afternoon, hours before the start of the Beijing Winter "
            "Olympics.")
    doc = document(text)
    t = tx(doc, "Friday afternoon", WeekdayOf(5, "past", clock="TAF"), "time", 1, 1, "TIME")
    d = dating.date_document(doc, [t], DEFAULT, today=TODAY)
    # the Olympics opened on Friday 4 February 2022: that Friday was then the last one before the report
    assert not d.certain and d.interval == Interval("2022-02-04", "2022-02-10")
    assert any(e.kind == "knowledge" and "Olympics" in e.note for e in d.evidence)
    (meeting,) = dating.date_timexes([t], d)
    assert meeting.certain and meeting.interval == Interval("2022-02-04", "2022-02-04")


def test_a_sudden_event_bounds_from_below_unless_it_is_a_possibility() -> None:
    (h,) = knowledge.find("Rescuers dug through the rubble after the Haiti earthquake.")
    assert (h.kind, h.lo, h.hi) == ("event", dt.date(2010, 1, 12), None)
    assert knowledge.find("Experts warn of the risk of a Haiti earthquake.") == []
    assert knowledge.find("Russia annexed Crimea in 1783.") == []


def test_knowledge_tables_are_consistent() -> None:
    offices = knowledge.offices()
    terms = knowledge.terms()
    assert {t.office for t in terms} <= set(offices)
    assert {o for o in offices} <= {t.office for t in terms}  # every office has holders
    for t in terms:
        assert t.names and (t.end is None or t.start <= t.end), t
    for e in knowledge.known_events():
        assert e.names and e.start <= e.end, e
    psaki = [t for t in terms if "Jen Psaki" in t.names and t.office == "white-house-spokesperson"]
    assert [(t.start, t.end) for t in psaki] == [(dt.date(2021, 1, 20), dt.date(2022, 5, 13))]
