"""The four record tables (documents, events, quotes, actors) as JSON, CSV or Parquet files."""

from __future__ import annotations

import csv
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


def _nested(v: Any) -> bool:
    return isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, dict | list) for x in v))


def flat_rows(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records with every column of one shape: a column holding any object, or lists in some rows and
    scalars in others, becomes JSON text in every row (for CSV and Parquet)."""
    cols = list(dict.fromkeys(k for r in records for k in r))
    as_json = {k for k in cols if any(_nested(r.get(k)) for r in records)
               or len({isinstance(r.get(k), list) for r in records if r.get(k) is not None}) > 1}
    return [{k: (json.dumps(r.get(k), ensure_ascii=False, default=str) if k in as_json and r.get(k) is not None
                 else r.get(k)) for k in cols} for r in records]


def _each_table(s: Storyline, out: Path, suffix: str, write: Callable[[list[dict[str, Any]], Path], None],
                flat: bool = True) -> list[Path]:
    """Write every table with `write(rows, path)` into out/<table>.<suffix>; returns the files."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for t in TABLES:
        rows = table_records(s, t)
        path = out / f"{t}.{suffix}"
        write(flat_rows(rows) if flat else rows, path)
        files.append(path)
    return files


def _json_file(rows: list[dict[str, Any]], path: Path) -> None:
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _csv_file(rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else ["id"])
        w.writeheader()
        for r in rows:
            w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in r.items()})


def _parquet_file(rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({"id": pa.array([], pa.string())}), path)


@exporter("json")
def write_json(s: Storyline, out: Path) -> list[Path]:
    """One JSON array per table."""
    return _each_table(s, out, "json", _json_file, flat=False)


@exporter("csv")
def write_csv(s: Storyline, out: Path) -> list[Path]:
    """One CSV file per table; lists and objects as JSON text."""
    return _each_table(s, out, "csv", _csv_file)


@exporter("parquet")
def write_parquet(s: Storyline, out: Path) -> list[Path]:
    """One Parquet file per table (readable by DuckDB, pandas, Arrow)."""
    return _each_table(s, out, "parquet", _parquet_file)
