"""The Python API: `storyline.open(path)` and its queries; every CLI command maps to a call here."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from storyline.records import Dated
from storyline.settings import DEFAULT, Settings
from storyline.store import Store
from storyline.timeline import Query
from storyline.timeline import build as build_timeline


def dated_json(d: Dated | None) -> dict[str, Any]:
    """A date decision as the JSON object every output uses."""
    if d is None:
        return {"date": None, "certain": False, "interval": None, "source": "unknown", "evidence": []}
    iv = [d.interval.lo, d.interval.hi] if d.interval else None
    return {"date": d.date, "certain": d.certain, "interval": iv, "source": d.source,
            "evidence": [asdict(e) for e in d.evidence]}


def _frame(records: list[dict[str, Any]], as_frame: bool) -> Any:
    if not as_frame:
        return records
    import pandas as pd

    return pd.DataFrame.from_records(records)


class Storyline:
    """A store opened for reading."""

    def __init__(self, path: str | Path = "storyline.duckdb", settings: Settings = DEFAULT) -> None:
        self.path = str(path)
        self.settings = settings
        self.store = Store(self.path, read_only=True)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def docs(self, frame: bool = False) -> Any:
        """Every document with its clean text, date decision and duplicate link."""
        dups = self.store.duplicates()
        out = []
        for doc in self.store.documents():
            dup = dups.get(doc.id)
            out.append({
                "id": doc.id, "title": doc.title, "text": doc.text, "url": doc.url, "source": doc.source,
                "language": doc.language, "published": dated_json(self.store.published(doc.id)),
                "duplicate_of": dup.canonical if dup else None,
                "page_dates": [asdict(p) for p in doc.page_dates],
            })
        return _frame(out, frame)

    def rejects(self) -> list[dict[str, Any]]:
        """Inputs that could not be used, with their reasons."""
        return self.store.rows("SELECT id, path, reason, length(raw) AS bytes FROM rejects ORDER BY path, id")

    def actors(self, frame: bool = False) -> Any:
        """Every canonical actor with type, country, roles, aliases and mention count."""
        return _frame([asdict(a) for a in self.store.actors()], frame)

    def events(self, query: Query | None = None, frame: bool = False) -> Any:
        """Every event with actors, recipients, date and source sentence."""
        out = []
        for e in self.store.events():
            row = asdict(e)
            row["document"] = row.pop("doc")
            row["date"] = dated_json(e.date)
            out.append(row)
        return _frame(out, frame)

    def quotes(self, frame: bool = False) -> Any:
        """Every quotation with document, speaker, text, cue and offsets."""
        out = []
        for q in self.store.quotes():
            row = asdict(q)
            row["document"] = row.pop("doc")
            out.append(row)
        return _frame(out, frame)

    def timeline(self, query: Query | None = None, frame: bool = False, **filters: Any) -> Any:
        """The timeline entries for a query (keywords, actor, category, date range, size)."""
        q = query or Query(**filters)
        entries = build_timeline(self.store.clusters(), self.store.events(), q)
        return _frame([asdict(t) for t in entries], frame)
