"""The four record tables (documents, events, quotes, actors): JSON as the library API gives them, CSV and Parquet
written by DuckDB straight from the store (COPY ... TO), objects and lists as JSON text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from storyline.api import Storyline
from storyline.export import exporter

TABLES = ("documents", "events", "quotes", "actors")


def table_records(s: Storyline, table: str) -> list[dict[str, Any]]:
    """The records of one table, as the API returns them."""
    reads: dict[str, Callable[[], list[dict[str, Any]]]] = {"documents": s.docs, "events": s.events,
                                                            "quotes": s.quotes, "actors": s.actors}
    return reads[table]()


def _copied(s: Storyline, out: Path, fmt: str) -> list[Path]:
    """Every table copied by DuckDB into out/<table>.<fmt>; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    store = s.refresh()
    files = [out / f"{t}.{fmt}" for t in TABLES]
    for t, path in zip(TABLES, files, strict=True):
        store.copy_records(t, path, fmt)
    return files


@exporter("json")
def write_json(s: Storyline, out: Path) -> list[Path]:
    """One JSON array per table, each record as the API gives it."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for t in TABLES:
        path = out / f"{t}.json"
        path.write_text(json.dumps(table_records(s, t), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        files.append(path)
    return files


@exporter("csv")
def write_csv(s: Storyline, out: Path) -> list[Path]:
    """One CSV file per table, with a header; objects and lists as JSON text."""
    return _copied(s, out, "csv")


@exporter("parquet")
def write_parquet(s: Storyline, out: Path) -> list[Path]:
    """One Parquet file per table (readable by DuckDB, pandas, Arrow); objects and lists as JSON text."""
    return _copied(s, out, "parquet")
