"""The Python API: `storyline.open(path)` and its queries; every CLI command maps to a call here."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from storyline.records import TimelineEntry, as_dict, dated_json
from storyline.relations import side
from storyline.settings import DEFAULT, Settings
from storyline.store import Store
from storyline.store.shared import Published
from storyline.timeline import Query, event_log, storyline


def _overlaps(lo: str | None, hi: str | None, date_from: str | None, date_to: str | None) -> bool:
    """Whether the days [lo, hi] (open ends unbounded) meet the range [date_from, date_to]."""
    if date_from and hi and str(hi) < date_from:
        return False
    return not (date_to and lo and str(lo)[: len(date_to)] > date_to)


def event_matches(row: dict[str, Any], q: Query, actor_names: set[str] | None) -> bool:
    """Whether an event record passes a query's filters (keywords, actor, category, date range)."""
    if q.category and row["category"] != q.category.upper():
        return False
    if actor_names is not None and not actor_names & {p.lower() for p in row["actors"] + row["recipients"]}:
        return False
    if q.query and not all(w in row["text"].lower() for w in q.query.lower().split()):
        return False
    d = row["date"]
    lo, hi = (d["interval"] or [d["date"], d["date"]]) if (d["interval"] or d["date"]) else (None, None)
    return _overlaps(lo, hi, q.date_from, q.date_to)


def _frame(records: list[dict[str, Any]], as_frame: bool) -> Any:
    if not as_frame:
        return records
    import pandas as pd

    return pd.DataFrame.from_records(records)


ANSWERS_KEPT = 32  # timelines a Storyline keeps for the store it reads (the web app asks the same ones again)


class Storyline:
    """A store opened for reading; it follows the builds: each query reads the latest published build (a build
    running now writes a copy of the store, and its results show once it ends)."""

    def __init__(self, path: str | Path = "storyline.duckdb", settings: Settings = DEFAULT) -> None:
        self.path = str(path)
        self.settings = settings
        self.published = Published(self.path)
        self._answers: dict[str, list[TimelineEntry]] = {}  # timelines asked of the store read now
        self._answered_by: Store | None = None

    @property
    def store(self) -> Store:
        """The store as it was at the last refresh()."""
        return self.published.store

    def refresh(self) -> Store:
        """Reopen the store when a build has published a new version of it since (each query does this)."""
        return self.published.fresh()

    def close(self) -> None:
        """Close the store."""
        self.published.close()

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def docs(self, frame: bool = False) -> Any:
        """Every document with its clean text, date decision and duplicate link."""
        self.refresh()
        dups = self.store.duplicates()
        dates = self.store.published_by_id()
        out = []
        for doc in self.store.documents():
            dup = dups.get(doc.id)
            out.append({
                "id": doc.id, "title": doc.title, "text": doc.text, "url": doc.url, "source": doc.source,
                "language": doc.language, "published": dated_json(dates.get(doc.id)),
                "duplicate_of": dup.canonical if dup else None,
                "page_dates": as_dict(doc.page_dates),
            })
        return _frame(out, frame)

    def rejects(self) -> list[dict[str, Any]]:
        """Inputs that could not be used, with their reasons."""
        self.refresh()
        return self.store.rejects()

    def actors(self, query: str | None = None, frame: bool = False, limit: int | None = None) -> Any:
        """Every canonical actor with type, country, roles, aliases and mention count (optionally by keyword; the
        `limit` most mentioned, when given)."""
        self.refresh()
        rows = [as_dict(a) for a in self.store.actors(None if query else limit)]
        if query:
            q = query.lower()
            rows = [a for a in rows if q in a["name"].lower() or any(q in x.lower() for x in a["aliases"] or [])]
        return _frame(rows[:limit] if limit is not None else rows, frame)

    def events(self, query: Query | None = None, frame: bool = False, **filters: Any) -> Any:
        """Events with actors, recipients, date and source sentence; the same filters as the timeline."""
        self.refresh()
        q = query or Query(**filters)
        names = side(self.actors(), q.actor) if q.actor else None
        out = []
        for e in self.store.events():
            row = as_dict(e)
            row["document"] = row.pop("doc")
            row["date"] = dated_json(e.date)
            if event_matches(row, q, names):
                out.append(row)
        return _frame(out, frame)

    def quotes(self, speaker: str | None = None, query: str | None = None, frame: bool = False) -> Any:
        """Quotations with document, speaker, text, cue and offsets (optionally by speaker or keyword)."""
        self.refresh()
        names = side(self.actors(), speaker) if speaker else None
        out = []
        for q in self.store.quotes():
            row = as_dict(q)
            row["document"] = row.pop("doc")
            if names is not None and (row["speaker"] or "").lower() not in names:
                continue
            if query and query.lower() not in row["text"].lower():
                continue
            out.append(row)
        return _frame(out, frame)

    def timeline(self, query: Query | None = None, frame: bool = False, **filters: Any) -> Any:
        """The storyline for a query (keywords, actor, category, date range; N days, K sentences a day), or with
        all=True the full event log; entries as dicts."""
        store = self.refresh()
        q = query or Query(**filters)
        if store is not self._answered_by:  # a new build was published: earlier answers are stale
            self._answers, self._answered_by = {}, store
        key = repr(q)
        entries = self._answers.get(key)
        if entries is None:
            if q.actor and q.actor_names is None:
                q = replace(q, actor_names=frozenset(side(self.actors(), q.actor)))
            entries = event_log(store.clusters(), store.events(), q) if q.all else storyline(store, q)
            if len(self._answers) >= ANSWERS_KEPT:
                self._answers.pop(next(iter(self._answers)))
            self._answers[key] = entries
        return _frame([as_dict(t) for t in entries], frame)
