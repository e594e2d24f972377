"""A store built by the previous release (v0.1.0, before schema versions) opens and upgrades: its migrations apply,
what it holds reads back, and a build carries on from it. The release's store is kept as an export in
tests/fixtures (scripts/release_store.py writes it from the tag), so a clone without tags or history runs this."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from storyline.store import Store
from storyline.store.migrations import latest, migrations, version

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "tests" / "fixtures" / "store-v0.1.0"  # written by scripts/release_store.py from the tag


def _old_store(tmp: Path) -> Path:
    """The store that the previous release built from examples/, restored from its export (no git needed)."""
    db = tmp / "old.duckdb"
    con = duckdb.connect(str(db))
    try:
        con.execute(f"IMPORT DATABASE '{RELEASE}'")
    finally:
        con.close()
    return db


@pytest.fixture(scope="module")
def old_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _old_store(tmp_path_factory.mktemp("release"))


def _copy(db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store.duckdb"
    shutil.copy(db, target)
    return target


def test_the_release_store_has_no_version_and_its_own_time_expressions(old_store: Path) -> None:
    con = duckdb.connect(str(old_store), read_only=True)
    try:
        assert version(con) == 0
        relative = [r[0] for r in con.execute("SELECT relative FROM timexes").fetchall()]
    finally:
        con.close()
    assert relative and any(":" in r for r in relative)  # the 0.1 text form, 'weekday:5:past'


def test_opening_for_writing_applies_every_migration_once(old_store: Path, tmp_path: Path) -> None:
    db = _copy(old_store, tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("documents", "sentences", "timexes", "mentions", "events", "quotes", "clusters")}
    old_relative = dict(((d, i), r) for d, i, r in con.execute("SELECT doc, idx, relative FROM timexes").fetchall())
    con.close()
    with Store(db) as store:
        assert version(store.con) == latest()
        assert [r["version"] for r in store.rows("SELECT version FROM schema_version ORDER BY version")] == \
            [m.version for m in migrations()]
        after = {t: store.count(t) for t in before}
        assert after == before  # nothing lost
        cols = {r["column_name"] for r in store.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'timexes'")}
        assert "meaning" in cols and "relative" not in cols
        timexes = store.timexes_by_doc()
        meanings = {(t.doc, t.index): t.meaning for ts in timexes.values() for t in ts}
        assert all(meanings[k] is not None for k, r in old_relative.items() if r)
        assert store.rows("SELECT stage FROM rejects LIMIT 0") == []  # the new column is there
    with Store(db) as store:  # opened again: nothing left to apply
        assert store.rows("SELECT count(*) AS n FROM schema_version")[0]["n"] == len(migrations())


def test_a_reader_of_the_release_store_gets_it_upgraded_and_a_build_carries_on(old_store: Path,
                                                                                tmp_path: Path) -> None:
    from storyline import open as open_store
    from storyline.pipeline import build
    from storyline.store.shared import building

    db = _copy(old_store, tmp_path)
    con = duckdb.connect(str(db), read_only=True)
    n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    con.close()
    with open_store(str(db)) as story:  # read-only API: the file is upgraded first, then read
        docs, events, timeline = story.docs(), story.events(), story.timeline()
    assert len(docs) == n > 0 and events and timeline
    assert all(e["date"]["source"] for e in events)  # the dates the release decided read back
    with building(db) as store:
        report = build([ROOT / "examples"], store)
    assert (report.read, report.added, report.unchanged) == (n, 0, n)  # the raw bytes it kept still match
    with open_store(str(db)) as story:
        assert len(story.docs()) == n and story.timeline()
