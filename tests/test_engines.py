"""Where the per-document stages run: local worker processes and a Ray cluster give the store a one-process build
gives, table by table."""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest
from conftest import need_shared
from test_cli_build import storyline

from storyline.pipeline import build
from storyline.settings import DEFAULT, Settings
from storyline.store import Store

SMALL = DEFAULT.with_(nlp_batch_size=2, commit_documents=3)  # several batches and commits from a few documents


def articles(n: int = 8) -> list[Path]:
    """A few Timeline17 articles from two topics."""
    t17 = need_shared("bench", "t17")
    files = sorted((t17 / "H1N1_bbc" / "InputDocs").rglob("*.txt"))[: n // 2]
    return files + sorted((t17 / "haiti_bbc" / "InputDocs").rglob("*.txt"))[: n - n // 2]


def tables(db: Path) -> dict[str, list[tuple]]:
    """Every table of a store, its rows sorted (the times things were stored left out: when each document was added,
    when each migration ran)."""
    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        for t in names:
            cols = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE "
                               "table_schema = 'main' AND table_name = ?", [t]).fetchall()
            keep = ", ".join(f'"{c}"' for c, kind in cols if c != "added" and not kind.startswith("TIMESTAMP"))
            out[t] = con.execute(f"SELECT {keep} FROM {t} ORDER BY ALL").fetchall()
    return out


def built(db: Path, files: list[Path], settings: Settings) -> dict[str, list[tuple]]:
    """The tables of a store built from the files with these settings."""
    with Store(db) as store:
        report = build(files, store, settings)
    assert report.analysed == len(files) - report.duplicates
    return tables(db)


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    """The store a build in one process makes of the articles."""
    return built(tmp_path_factory.mktemp("one") / "one.duckdb", articles(), SMALL.with_(workers=1))


def test_worker_processes_make_the_store_one_process_makes(tmp_path: Path,
                                                           one_process: dict[str, list[tuple]]) -> None:
    two = built(tmp_path / "two.duckdb", articles(), SMALL.with_(workers=2))
    assert one_process["events"] and one_process["sentences"]
    for table, rows in one_process.items():
        assert two[table] == rows, table


def test_ray_cluster_makes_the_store_one_process_makes(tmp_path: Path, one_process: dict[str, list[tuple]]) -> None:
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        pytest.importorskip("ray", reason="the Ray engine needs the 'ray' extra (make test installs it)")
    import ray

    os.environ.setdefault("RAY_worker_niceness", "0")  # workers at the test's priority on a busy machine
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        shards = tmp_path / "shards"
        by_ray = built(tmp_path / "ray.duckdb", articles(), SMALL.with_(engine="ray", workers=2,
                                                                        ray_shards=str(shards)))
    finally:
        ray.shutdown()
    for table, rows in one_process.items():
        assert by_ray[table] == rows, table
    assert shards.is_dir() and not any(shards.iterdir())  # the shards of the run are gone, the folder kept


def test_build_reports_each_step(tmp_path: Path) -> None:
    files = articles(2)
    run = storyline("build", *files, "--db", tmp_path / "s.duckdb", "--workers", "1", "--report", tmp_path / "r.json")
    assert run.returncode == 0, run.stderr
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["added"] == 2 and report["analysed"] == 2
    steps = report["stages"]
    for step in ("ingest", "parse", "timex", "actors", "quotes", "events", "store-analysis", "analyse", "resolve"):
        assert steps[step]["seconds"] >= 0, step
    assert steps["parse"]["docs"] == 2 and steps["parse"]["words"] > 500


def test_unknown_engine_is_refused(tmp_path: Path) -> None:
    run = storyline("build", *articles(2), "--db", tmp_path / "s.duckdb", "--engine", "spark")
    assert run.returncode == 2 and run.stderr == "--engine 'spark' is not an engine; choose from local, ray\n"


def test_bench_speed_builds_beside_spacy_and_sweeps(tmp_path: Path) -> None:
    data = tmp_path / "t17"
    for f in articles(3):
        target = data / f.relative_to(need_shared("bench", "t17"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.read_bytes())
    (data / "H1N1_bbc" / "timelines").mkdir()
    (data / "H1N1_bbc" / "timelines" / "t.txt").write_text("2009-04-24\nnot an article\n--------\n")
    run = storyline("bench", "speed", "--data", data, "--workers", "1", "--sweep", "6", "--format", "json")
    assert run.returncode == 0, run.stderr
    figures = json.loads(run.stdout)
    assert figures["articles"] == 3 and figures["analysed"] == 3  # the timeline file is no article
    assert figures["spacy"]["docs"] == 3 and figures["spacy"]["words"] > 500
    assert 0 < figures["ratio_to_spacy"] and figures["docs_per_s"] > 0 and 0 < figures["peak_gb"] < 4
    steps = {r["step"] for r in figures["steps"]}
    assert {"ingest", "parse", "events", "resolve"} <= steps
    assert figures["timeline_seconds"] > 0 and figures["help_seconds"] > 0
    (point,) = figures["sweep"]
    # copies are no duplicates: each is analysed, or rejected by cleaning (a copy of a blog page whose lines were
    # swapped for its comments' can hold no article)
    assert point["articles"] == 6 and point["duplicates"] == 0 and point["analysed"] + point["rejected"] == 6
    assert point["s_per_article"] > 0 and point["peak_gb"] > 0


def test_a_build_with_nothing_new_skips_the_corpus_steps(tmp_path: Path) -> None:
    files, db = articles(2), tmp_path / "s.duckdb"
    with Store(db) as store:
        first = build(files, store, SMALL.with_(workers=1))
    assert "resolve" in first.stages
    before = tables(db)
    with Store(db) as store:
        again = build(files, store, SMALL.with_(workers=1))
        assert again.unchanged == 2 and "resolve" not in again.stages
    assert tables(db) == before
    with Store(db) as store:
        pinned = build(files, store, SMALL.with_(workers=1), pins={store.document_ids()[0]: "2009-05-01"})
        assert not pinned.bad_pins
        assert "resolve" in pinned.stages  # a new pin re-dates
