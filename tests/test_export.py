"""Every export opens in its target: TimelineJS JSON against its schema, GraphML in networkx, Parquet in DuckDB."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path

import duckdb
import jsonschema
import networkx as nx
import pytest

import storyline
from storyline.export import export, formats
from storyline.export.timelinejs import slide, tl_date
from storyline.records import known_bounds
from storyline.validate import BadValue


@pytest.fixture(scope="module")
def story(seeds_db: Path):  # noqa: ANN201
    s = storyline.open(str(seeds_db))
    yield s
    s.close()


def test_tables_as_json_csv_parquet(story, tmp_path: Path) -> None:  # noqa: ANN001
    n_docs = len(story.docs())
    for fmt in ("json", "csv", "parquet"):
        files = export(fmt, story, tmp_path / fmt)
        assert {f.stem for f in files} == {"documents", "events", "quotes", "actors"}
    assert len(json.loads((tmp_path / "json" / "documents.json").read_text())) == n_docs
    with (tmp_path / "csv" / "documents.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == n_docs
    con = duckdb.connect()
    got = con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path / 'parquet' / 'documents.parquet'}')").fetchone()
    assert got[0] == n_docs
    cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM '{tmp_path / 'parquet' / 'documents.parquet'}'").fetchall()]
    assert {"id", "text", "published", "duplicate_of"} <= set(cols)


def test_timelinejs_validates_against_schema(story, tmp_path: Path) -> None:  # noqa: ANN001
    schema = json.loads(resources.files("storyline.data").joinpath("timelinejs3.schema.json").read_text())
    (path,) = export("timelinejs", story, tmp_path)
    data = json.loads(path.read_text())
    jsonschema.validate(data, schema)
    assert len(data["events"]) == sum(1 for e in story.timeline() if any(known_bounds(e)))


def test_timelinejs_uncertain_entry_is_a_range() -> None:
    entry = {"date": None, "certain": False, "interval": ["2022-02-01", "2022-02-05"], "summary": "<b>x</b> met y",
             "actors": ["A"], "documents": ["d1"], "category": "CONSULT"}
    s = slide(entry, 0)
    assert s["start_date"] == {"year": 2022, "month": 2, "day": 1}
    assert s["end_date"] == {"year": 2022, "month": 2, "day": 5}
    assert s["display_date"].startswith("uncertain")
    assert "<b>" not in s["text"]["text"]
    assert tl_date("2021-12") == {"year": 2021, "month": 12}


def test_graphml_is_directed_actor_to_recipient_by_category(story, tmp_path: Path) -> None:  # noqa: ANN001
    (path,) = export("graphml", story, tmp_path)
    g = nx.read_graphml(path)
    assert g.is_directed() and g.is_multigraph()
    expected: dict[tuple[str, str, str], int] = {}
    for e in story.events():
        if not (e["negated"] or e["hypothetical"]):
            for a in set(e["actors"]):
                for r in set(e["recipients"]) - {a}:
                    expected[(a, r, e["category"])] = expected.get((a, r, e["category"]), 0) + 1
    got = {(a, r, d["category"]): d["count"] for a, r, d in g.edges(data=True)}
    assert got == expected and got
    # every catalogue actor is a node, and so is every party of an edge
    assert set(g.nodes) == {a["name"] for a in story.actors()} | {p for a, r, _ in expected for p in (a, r)}
    assert any((r, a, c) not in got for a, r, c in got)  # direction is kept: not every edge has its reverse


def test_csv_and_parquet_hold_the_api_records(story, tmp_path: Path) -> None:  # noqa: ANN001
    from storyline.export.tables import TABLES, table_records

    export("parquet", story, tmp_path / "parquet")
    export("csv", story, tmp_path / "csv")
    con = duckdb.connect()
    for t in TABLES:
        api = table_records(story, t)
        rel = con.execute(f"SELECT * FROM '{tmp_path / 'parquet' / t}.parquet'")
        cols = [d[0] for d in rel.description]
        rows = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
        assert set(cols) == set(api[0]), t
        assert len(rows) == len(api), t
        for want, row in zip(api, rows, strict=True):
            for k, v in want.items():
                stored = json.loads(row[k]) if isinstance(v, dict | list) and row[k] is not None else row[k]
                assert stored == v, (t, want.get("id"), k)
        with (tmp_path / "csv" / f"{t}.csv").open(encoding="utf-8") as f:
            assert [r["id"] for r in csv.DictReader(f)] == [r["id"] for r in api], t


def test_every_format_is_registered() -> None:
    assert {"json", "csv", "parquet", "timelinejs", "graphml", "plover"} <= set(formats())


def test_python_api_filters_and_frames(story) -> None:  # noqa: ANN001
    timeline = story.timeline()
    assert isinstance(timeline, list)
    frame = story.timeline(frame=True)
    assert len(frame) == len(timeline)
    consult = story.events(category="CONSULT")
    assert all(e["category"] == "CONSULT" for e in consult)
    late = story.events(date_from="2023-01-01")
    for e in late:
        d = e["date"]
        hi = (d["interval"] or [None, d["date"]])[1]
        assert hi is None or str(hi) >= "2023-01-01"
    assert story.events(category="ASSAULT", actor="Alexei Navalny") == []  # a known actor, no such event
    with pytest.raises(BadValue, match="names no actor in this store"):
        story.events(category="ASSAULT", actor="Nobody At All")
