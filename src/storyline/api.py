"""The Python API: build(), clean_file() and `storyline.open(path)` with its queries; every CLI command and every
page of the web app maps to a call here."""

from __future__ import annotations

import copy
import difflib
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline import validate
from storyline.filters import Filters
from storyline.records import (
    Cluster,
    Dated,
    Document,
    Event,
    Quote,
    Reject,
    TimelineEntry,
    as_dict,
    dated_json,
)
from storyline.relations import side
from storyline.settings import DEFAULT, Settings
from storyline.store import Store
from storyline.store.shared import Pinned, Published
from storyline.timeline import Query, event_log, storyline

if TYPE_CHECKING:
    from storyline.pipeline import BuildReport


def build(paths: Iterable[str | Path], db: str | Path = "storyline.duckdb", settings: Settings = DEFAULT,
          pins: dict[str, str] | None = None,
          progress: Callable[[str, int, int | None], None] | None = None) -> BuildReport:
    """Ingest files and folders into the store file and run every stage (re-running is idempotent). The build writes
    a working copy and publishes it when it ends; one build at a time (storyline.store.shared.StoreBusy)."""
    from storyline.pipeline import build as run
    from storyline.stages import get as stage
    from storyline.store.shared import building

    for name in settings.stages:
        stage(name)  # an unknown stage: ValueError before the store is touched
    validate.engine(settings.engine)
    validate.count("workers", settings.workers, 0)
    with building(db) as store:
        if progress is None:
            return run(paths, store, settings, pins=pins)
        return run(paths, store, settings, pins=pins, progress=progress)


def clean_file(path: str | Path, settings: Settings = DEFAULT, html: bool = False) -> Iterator[Document | Reject]:
    """The clean documents of one file (one per record of a JSON lines, WARC or feed file), or a Reject saying why
    an item cannot be used; html=True reads an article file as HTML whatever its name."""
    from storyline.clean import clean
    from storyline.ingest.readers import read_file

    path = Path(path)
    for item in read_file(path, path.name, settings):
        if isinstance(item, Reject):
            yield item
            continue
        if html:
            item.kind = "html"
        yield clean(item, settings)


@dataclass
class EventReports:
    """One real-world event as its page shows it: the cluster, its member events, the documents that report
    them and their date decisions."""

    cluster: Cluster
    members: list[Event]
    documents: list[Document]
    published: dict[str, Dated | None]


@dataclass
class DocumentView:
    """One document as its page shows it: the document, its date decision, its events and its quotes."""

    doc: Document
    published: Dated | None
    events: list[Event]
    quotes: list[Quote]


def _quote_row(q: Quote) -> dict[str, Any]:
    """A quotation as the API gives it: its fields, with `document` for its document."""
    row = as_dict(q)
    row["document"] = row.pop("doc")
    return row


def _event_row(e: Event) -> dict[str, Any]:
    """An event as the API gives it: its fields, `document` for its document and the date's JSON form."""
    row = as_dict(e)
    row["document"] = row.pop("doc")
    row["date"] = dated_json(e.date)
    return row


def _frame(records: list[dict[str, Any]], as_frame: bool) -> Any:
    if not as_frame:
        return records
    import pandas as pd

    return pd.DataFrame.from_records(records)


ANSWERS_KEPT = 32  # timelines a Storyline keeps for the store it reads (the web app asks the same ones again)


class Answers:
    """The timelines asked of one published version of the store, the last ANSWERS_KEPT of them (threads share it)."""

    def __init__(self) -> None:
        self.version = ""
        self.kept: dict[str, list[TimelineEntry]] = {}
        self.lock = threading.Lock()

    def get(self, version: str, key: str) -> list[TimelineEntry] | None:
        """The answer kept for the query, if it was asked of this version."""
        with self.lock:
            return self.kept.get(key) if version == self.version else None

    def put(self, version: str, key: str, entries: list[TimelineEntry]) -> None:
        """Keep an answer (a newer version forgets those of the one before)."""
        with self.lock:
            if version != self.version:
                self.version, self.kept = version, {}
            if len(self.kept) >= ANSWERS_KEPT:
                self.kept.pop(next(iter(self.kept)))
            self.kept[key] = entries


class Storyline:
    """A store opened for reading; it follows the builds: each query reads the latest published build (a build
    running now writes a copy of the store, and its results show once it ends)."""

    def __init__(self, path: str | Path = "storyline.duckdb", settings: Settings = DEFAULT) -> None:
        self.path = str(path)
        self.settings = settings
        self.published: Published | Pinned = Published(self.path)
        self._answers = Answers()  # timelines asked of the version read now (shared by the reader() views)

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

    def reader(self) -> Storyline:
        """A view for one thread (a request of the web app): the latest published store through a connection of its
        own, so that several threads query at once; close it when done."""
        if not isinstance(self.published, Published):
            raise TypeError("a reader() view makes no views of its own")
        view = copy.copy(self)
        view.published = self.published.cursor()
        return view

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def filters(self, query: str | None = None, actor: str | None = None, category: str | None = None,
                date_from: str | None = None, date_to: str | None = None) -> Filters:
        """The filters every query takes, validated (validate.BadValue names a value that cannot be used); an actor
        stands for the names the store knows it by."""
        f = Filters.checked(query, actor, category, date_from, date_to)
        if f.actor is None:
            return f
        return Filters(f.query, f.actor, f.category, f.date_from, f.date_to, self._actor_names(f.actor))

    def _actor_names(self, actor: str) -> frozenset[str]:
        """The lowercased names an actor stands for: the actor the catalogue knows by that name or alias (with a
        country's people), else every actor and party whose name holds it; BadValue when there is none."""
        catalogue = [as_dict(a) for a in self.store.actors()]
        key = actor.lower()
        if any(key == a["name"].lower() or key in (x.lower() for x in a["aliases"] or []) for a in catalogue):
            return frozenset(side(catalogue, actor))
        names = {n.lower() for a in catalogue for n in [a["name"], *(a["aliases"] or [])] if key in n.lower()}
        names |= {p.lower() for e in self.store.events() for p in e.actors + e.recipients if key in p.lower()}
        names |= {q.speaker.lower() for q in self.store.quotes() if q.speaker and key in q.speaker.lower()}
        if names:
            return frozenset(names)
        known = sorted({a["name"] for a in catalogue} | {x for a in catalogue for x in a["aliases"] or []})
        close = difflib.get_close_matches(actor, known, n=3, cutoff=0.6)
        raise validate.BadValue("actor", actor, "names no actor in this store"
                                + (f"; did you mean {' or '.join(close)}?" if close else "; the actors list shows them"))

    def docs(self, query: str | None = None, actor: str | None = None, category: str | None = None,
             date_from: str | None = None, date_to: str | None = None, frame: bool = False) -> Any:
        """Every document with its clean text, date decision and duplicate link; filtered to those holding every
        keyword, naming the actor, reporting an event of the category, dated into the range."""
        self.refresh()
        f = self.filters(query, actor, category, date_from, date_to)
        dups = self.store.duplicates()
        dates = self.store.published_by_id()
        wanted = self._documents_of(f)
        out = []
        for doc in self.store.documents():
            if wanted is not None and doc.id not in wanted:
                continue
            published = dated_json(dates.get(doc.id))
            if not (f.says(doc.title, doc.text) and f.dated(published)):
                continue
            dup = dups.get(doc.id)
            out.append({
                "id": doc.id, "title": doc.title, "text": doc.text, "url": doc.url, "source": doc.source,
                "language": doc.language, "published": published,
                "duplicate_of": dup.canonical if dup else None,
                "page_dates": as_dict(doc.page_dates),
            })
        return _frame(out, frame)

    def _documents_of(self, f: Filters) -> set[str] | None:
        """The documents that name the filters' actor and report an event of its category (None: any)."""
        wanted: set[str] | None = None
        if f.category:
            wanted = {e.doc for e in self.store.events() if e.category == f.category}
        if f.actor:
            names = {a.id: a.name for a in self.store.actors()}
            naming = ({e.doc for e in self.store.events() if f.names(e.actors + e.recipients)}
                      | {q.doc for q in self.store.quotes() if f.names([q.speaker])}
                      | {m.doc for m in self.store.mentions() if m.actor and f.names([names.get(m.actor, m.text)])})
            wanted = naming if wanted is None else wanted & naming
        return wanted

    def rejects(self) -> list[dict[str, Any]]:
        """Inputs that could not be used, with their reasons."""
        self.refresh()
        return self.store.rejects()

    def actors(self, query: str | None = None, actor: str | None = None, category: str | None = None,
               date_from: str | None = None, date_to: str | None = None, frame: bool = False,
               limit: int | None = None) -> Any:
        """Every canonical actor with type, country, roles, aliases and mention count; filtered to those whose name
        or an alias holds every keyword, that the actor stands for (a country's people), that take part in an
        event of the category dated into the range; the `limit` most mentioned, when given."""
        self.refresh()
        f = self.filters(None, actor, category, date_from, date_to)
        filtered = bool(query or f.actor or f.category or f.date_from or f.date_to)
        rows = [as_dict(a) for a in self.store.actors(None if filtered else validate.count("limit", limit))]
        words = f"{query or ''}".lower().split()
        rows = [a for a in rows if all(any(w in n.lower() for n in [a["name"], *(a["aliases"] or [])]) for w in words)]
        if f.actor:
            rows = [a for a in rows if f.names([a["name"]])]
        if f.category or f.date_from or f.date_to:
            parties = {p.lower() for e in self.events(category=f.category, date_from=f.date_from, date_to=f.date_to)
                       for p in e["actors"] + e["recipients"]}
            rows = [a for a in rows if a["name"].lower() in parties]
        return _frame(rows[:limit] if limit is not None else rows, frame)

    def events(self, query: str | None = None, actor: str | None = None, category: str | None = None,
               date_from: str | None = None, date_to: str | None = None, frame: bool = False) -> Any:
        """Events with actors, recipients, date and source sentence; filtered to those whose sentence holds every
        keyword, with the actor as a party, of the category, dated into the range."""
        self.refresh()
        f = self.filters(query, actor, category, date_from, date_to)
        out = []
        for e in self.store.events():
            row = _event_row(e)
            if f.event(row):
                out.append(row)
        return _frame(out, frame)

    def quotes(self, query: str | None = None, actor: str | None = None, category: str | None = None,
               date_from: str | None = None, date_to: str | None = None, frame: bool = False) -> Any:
        """Quotations with document, speaker, text, cue and offsets; filtered to those holding every keyword, spoken
        by the actor, in a sentence coded with an event of the category, from a document dated into the range."""
        self.refresh()
        f = self.filters(query, actor, category, date_from, date_to)
        coded = {(e.doc, e.sentence) for e in self.store.events() if e.category == f.category} if f.category else None
        dates = self.store.published_by_id() if f.date_from or f.date_to else {}
        out = []
        for q in self.store.quotes():
            if coded is not None and (q.doc, q.sentence) not in coded:
                continue
            if not (f.says(q.text) and f.names([q.speaker]) and (not dates or f.dated(dates.get(q.doc)))):
                continue
            out.append(_quote_row(q))
        return _frame(out, frame)

    def timeline(self, query: str | None = None, actor: str | None = None, category: str | None = None,
                 date_from: str | None = None, date_to: str | None = None, dates: int | None = None,
                 sentences: int | None = None, keywords: str | Sequence[str] | None = None, all: bool = False,  # noqa: A002
                 frame: bool = False) -> Any:
        """The storyline: the `dates` days that matter (else those that stand out), `sentences` sentences a day
        (else one entry per event), each summary sentence holding one of the `keywords` (the topic); or with
        all=True the full event log. Entries hold every word of `query`, have the actor as a party, are of the
        category and dated into the range."""
        store = self.refresh()
        f = self.filters(query, actor, category, date_from, date_to)
        q = Query(query=f.query, actor=f.actor, category=f.category, date_from=f.date_from, date_to=f.date_to,
                  dates=validate.count("dates", dates), sentences_per_date=validate.count("sentences", sentences),
                  keywords=validate.keywords(keywords), all=bool(all), actor_names=f.actor_names)
        version, key = self.published.version, repr(q)
        entries = self._answers.get(version, key)
        if entries is None:
            entries = event_log(store.clusters(), store.events(), q) if q.all else storyline(store, q)
            self._answers.put(version, key, entries)
        return _frame([as_dict(t) for t in entries], frame)

    def event(self, cluster_id: str) -> EventReports | None:
        """One real-world event (a cluster): its members and the documents that report them, or None."""
        self.refresh()
        clusters = self.store.clusters([cluster_id])
        if not clusters:
            return None
        c = clusters[0]
        members = self.store.cluster_members([cluster_id]) or self.store.events(ids=c.events)
        ids = sorted({e.doc for e in members})
        return EventReports(c, members, list(self.store.documents(ids)), self.store.published_by_id(ids))

    def document(self, doc_id: str) -> DocumentView | None:
        """One document with its date decision, events and quotes, or None."""
        self.refresh()
        docs = list(self.store.documents([doc_id]))
        if not docs:
            return None
        return DocumentView(docs[0], self.store.published(doc_id), self.store.events(doc=doc_id),
                            self.store.quotes(doc=doc_id))

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor with the events that name it and its quotations, or None."""
        found = self.refresh().actor(actor_id)
        if found is None:
            return None
        names = {found.name.lower()}
        events = [_event_row(e) for e in self.store.events_naming(names)]
        quotes = [_quote_row(q) for q in self.store.quotes_by(actor_id, names)]
        return {"actor": as_dict(found), "events": events, "quotes": quotes}

    def search(self, words: str, limit: int = 50) -> list[dict[str, Any]]:
        """Documents, quotes and events matching the words, best first."""
        self.refresh()
        return self.store.search(words, limit) if words.strip() else []

    def export(self, fmt: str, out: str | Path) -> list[Path]:
        """Write the store in one export format (storyline.export.formats()); returns the files written."""
        from storyline.export import export

        return export(fmt, self, Path(out))
