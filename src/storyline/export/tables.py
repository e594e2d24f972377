"""The four record tables (documents, events, quotes, actors) as JSON, CSV or Parquet files."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from storyline.api import Storyline
from storyline.export import exporter

TABLES = ("documents", "events", "quotes", "actors")


def table_records(s: Storyline, table: str) -> list[dict[str, Any]]:
    """The records of one table, as the API returns them."""
    return {"documents": s.docs, "events": s.events, "quotes": s.quotes, "actors": s.actors}[table]()


def flat(record: dict[str, Any]) -> dict[str, Any]:
    """A record with nested objects as JSON text and lists of scalars kept (for CSV and Parquet)."""
    out = {}
    for k, v in record.items():
        if isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, dict | list) for x in v)):
            out[k] = json.dumps(v, ensure_ascii=False, default=str)
        else:
            out[k] = v
    return out


def _target(out: Path, table: str, suffix: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    return out / f"{table}.{suffix}"


@exporter("json")
def write_json(s: Storyline, out: Path) -> list[Path]:
    """One JSON array per table."""
    files = []
    for t in TABLES:
        path = _target(out, t, "json")
        path.write_text(json.dumps(table_records(s, t), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        files.append(path)
    return files


@exporter("csv")
def write_csv(s: Storyline, out: Path) -> list[Path]:
    """One CSV file per table; lists and objects as JSON text."""
    files = []
    for t in TABLES:
        rows = [flat(r) for r in table_records(s, t)]
        path = _target(out, t, "csv")
        with path.open("w", newline="", encoding="utf-8") as f:
            names = list(rows[0]) if rows else ["id"]
            w = csv.DictWriter(f, fieldnames=names)
            w.writeheader()
            for r in rows:
                w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v for k, v in r.items()})
        files.append(path)
    return files


@exporter("parquet")
def write_parquet(s: Storyline, out: Path) -> list[Path]:
    """One Parquet file per table (readable by DuckDB, pandas, Arrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = []
    for t in TABLES:
        rows = [flat(r) for r in table_records(s, t)]
        for r in rows:
            if isinstance(r.get("raw"), bytes | bytearray):
                r["raw"] = bytes(r["raw"])
        path = _target(out, t, "parquet")
        pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({"id": pa.array([], pa.string())}), path)
        files.append(path)
    return files
