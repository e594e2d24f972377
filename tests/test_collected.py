"""No output states a day that only the run date supports: a date whose upper end is nothing but the day storyline
read the article reads 'collected by' that day in text and on the web, and TimelineJS leaves it out (counting it);
checked on the five sample articles (002 has no date of its own) and on an article we wrote with no date at all."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_validate import run

import storyline
from storyline.export import LeftOut, export
from storyline.pipeline import build
from storyline.records import collected_by, known_bounds, when
from storyline.store import Store
from storyline.web import create_app

UNDATED = """Harbour workers walk out over pay

Dock workers at the northern harbour stopped work on Tuesday, demanding a raise after months of talks.
The port authority said it had offered the union a new contract and urged the workers to return.
"We will stay out until the offer is fair," said Mara Lind, who leads the dockers' union.
"""
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def undated_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of one article with no date anywhere: only the run date bounds it."""
    root = tmp_path_factory.mktemp("undated")
    (root / "in").mkdir()
    (root / "in" / "harbour.txt").write_text(UNDATED, encoding="utf-8")
    db = root / "undated.duckdb"
    with Store(db) as store:
        build([root / "in"], store)
    return db


def _days_stated(text: str) -> list[str]:
    """The days a text states, leaving out the one it names as 'collected by'."""
    return DAY.findall(re.sub(r"collected by \d{4}-\d{2}-\d{2}", "", text))


def test_an_undated_article_is_collected_by_the_run_date(undated_db: Path) -> None:
    today = dt.date.today().isoformat()
    with storyline.open(undated_db) as s:
        (doc,) = s.docs()
        events, entries = s.events(), s.timeline(all=True)
    assert collected_by(doc["published"]) == today
    assert when(doc["published"]) == f"date unknown; collected by {today}"
    assert events and entries
    for d in [e["date"] for e in events] + entries:  # 'on Tuesday' counted back from the run date: no day either
        assert collected_by(d) == today and known_bounds(d) == (None, None), d
        assert when(d) == f"date unknown; collected by {today}"


def test_text_outputs_state_no_day_but_the_collection_day(undated_db: Path) -> None:
    for command in (["docs"], ["events"], ["timeline"], ["timeline", "--all"]):
        out = run(*command, "--db", undated_db)
        assert out.returncode == 0, out.stderr
        assert "collected by" in out.stdout, command
        assert _days_stated(out.stdout) == [], (command, out.stdout)


def test_timelinejs_leaves_out_what_only_the_run_date_bounds(undated_db: Path, tmp_path: Path) -> None:
    with storyline.open(undated_db) as s, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LeftOut)
        (path,) = export("timelinejs", s, tmp_path)
        n = len(s.timeline())
    assert json.loads(path.read_text())["events"] == []
    assert [str(w.message) for w in caught if w.category is LeftOut] == [
        f"timelinejs: left out {n} of {n} entries: no date bounds but the day their reports were collected"]
    out = run("export", "timelinejs", "--db", undated_db, "-o", tmp_path / "cli.json")
    assert out.returncode == 0
    assert f"timelinejs: left out {n} of {n} entries" in out.stderr


def test_web_pages_name_the_collection_day(undated_db: Path) -> None:
    today = dt.date.today().isoformat()
    with TestClient(create_app(undated_db)) as client:
        for url in ("/", "/?all=1", "/doc/harbour.txt"):
            page = client.get(url)
            assert page.status_code == 200, url
            assert f"collected by {today}" in page.text, url
            assert f"uncertain: ? to {today}" not in page.text, url


def test_the_sample_articles_state_no_day_the_run_date_alone_supports(seeds_db: Path, tmp_path: Path) -> None:
    today = dt.date.today().isoformat()
    with storyline.open(seeds_db) as s:
        docs = {d["id"]: d for d in s.docs()}
        dates = [d["published"] for d in docs.values()] + [e["date"] for e in s.events()] + s.timeline(all=True)
        (path,) = export("timelinejs", s, tmp_path)
        entries = s.timeline()
    undated = docs["002_602a98f70495e680.txt"]["published"]
    assert not undated["certain"] and not any(e["kind"] in ("meta", "header", "dateline") for e in undated["evidence"])
    for d in dates:
        lo, hi = known_bounds(d)
        assert today not in (lo, hi), d  # a run-date bound is named 'collected by', never stated
        assert today not in when(d) or f"collected by {today}" in when(d), d
    slides = json.loads(path.read_text())["events"]
    assert len(slides) == sum(1 for e in entries if any(known_bounds(e)))
    for sl in slides:
        for key in ("start_date", "end_date"):
            if key in sl:
                day = dt.date(sl[key]["year"], sl[key].get("month", 1), sl[key].get("day", 1))
                assert day < dt.date.today(), sl
    text = run("timeline", "--all", "--db", seeds_db)
    assert text.returncode == 0 and text.stdout
    assert today not in re.sub(r"collected by \d{4}-\d{2}-\d{2}", "", text.stdout)
