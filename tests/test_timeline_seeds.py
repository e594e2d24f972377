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
    out = run.invoke(app, ["timeline", "--db", str(seeds_db), "--format", "csv", "--dates", "2"])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert 0 < len({r["date"] for r in rows}) <= 2
