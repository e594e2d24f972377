"""The timeline of the sample corpus: one entry for the call two reports describe, dated from the better one."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from storyline.api import Storyline
from storyline.cli import app

CALL_DOCS = {"001_aeb0318e1830370f.txt", "004_1f7213e7b594bad1.txt"}


def _base(doc: str) -> str:
    return doc.rsplit("/", 1)[-1]


def test_the_call_reported_twice_is_one_dated_entry(seeds_db):
    with Storyline(seeds_db) as s:
        entries = s.timeline()
    merged = [e for e in entries if CALL_DOCS <= {_base(d) for d in e["documents"]}]
    assert merged, "001 and 004 report one video call: one entry should hold both"
    assert any(e["certain"] and e["date"] == "2021-12-15" for e in merged)
    for e in entries:  # every entry is sourced
        assert e["documents"] and all("document" in ev and "sentence" in ev for ev in e["evidence"])


def test_timeline_cli_formats_and_filters(seeds_db):
    run = CliRunner()
    out = run.invoke(app, ["timeline", "--db", str(seeds_db), "--format", "json", "--actor", "putin"])
    assert out.exit_code == 0, out.output
    entries = json.loads(out.stdout)
    assert entries and all(any("putin" in a.lower() for a in e["actors"]) for e in entries)
    keys = {"date", "certain", "interval", "summary", "category", "actors", "documents", "evidence"}
    assert keys <= set(entries[0])
    out = run.invoke(app, ["timeline", "--db", str(seeds_db), "--format", "csv", "--dates", "3"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len({r["day"] for r in rows}) == 3  # three dates are three days


def test_the_storyline_is_short_and_the_event_log_complete(seeds_db):
    with Storyline(seeds_db) as s:
        story = s.timeline()
        log = s.timeline(all=True)
    assert 0 < len(story) <= 25 < len(log)
    texts = " ".join(e["summary"] for e in story)
    assert "has faced sanctions" not in texts  # background, not news of the report's day
    assert any(e["background"] and "has faced sanctions" in e["summary"] for e in log)
    assert not any(e["date"] and e["date"].startswith("20") and e["interval"] == ["2000-01-01", "2099-12-31"]
                   for e in log)  # '21st century' dates nothing
    for e in story:  # every entry says who acted on whom, and where each sentence is
        assert set(e["actors"]) == set(e["agents"]) | set(e["recipients"])
        for sent in e["sentences"]:
            assert {"document", "sentence", "start", "end", "text"} <= set(sent)


def test_biden_putin_is_dated_a_week_before_the_call(seeds_db):
    with Storyline(seeds_db) as s:
        story = s.timeline(actor="Biden")
    assert any(e["certain"] and e["date"] == "2021-12-08" and "a week after" in e["summary"] for e in story)


def test_a_report_with_no_publication_day_still_points_at_the_days_it_names(seeds_db):
    with Storyline(seeds_db) as s:
        story = s.timeline()
    day = [set(e["actors"]) for e in story if e["day"] == "2022-02-04" and e["certain"]]
    assert any({"Xi Jinping", "Vladimir Putin"} <= a for a in day)  # met in Beijing hours before the Olympics
    assert any({"Antony Blinken", "Dmytro Kuleba"} <= a for a in day)  # and a call the same Friday
