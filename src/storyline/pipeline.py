"""The build: raw files -> documents -> sentences, time expressions, mentions, quotes, events -> dates -> clusters.

Each step takes records and settings and returns records; this module is the only one that moves records
between the stages and the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyline import actors, cluster, dating, events, ingest, nlp, quotes, timex
from storyline.clean import clean
from storyline.dedupe import Deduper
from storyline.records import Document, Reject
from storyline.settings import DEFAULT, Settings
from storyline.store import Store

Progress = Callable[[str, int, int | None], None]  # (step, done, total)


def _quiet(step: str, done: int, total: int | None) -> None:
    return None


@dataclass
class BuildReport:
    """What a build did, for the end-of-run summary."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    analysed: int = 0
    rejects: list[Reject] = field(default_factory=list)

    @property
    def ingested(self) -> int:
        """Documents stored by this run or already in the store unchanged."""
        return self.added + self.unchanged


def build(paths: Iterable[str | Path], store: Store, settings: Settings = DEFAULT,
          pins: dict[str, str] | None = None, progress: Progress = _quiet) -> BuildReport:
    """Ingest the given files and folders into the store and run every stage."""
    report = BuildReport()
    for doc_id, date in (pins or {}).items():
        store.pin(doc_id, date)
    ingest_all(paths, store, settings, report, progress)
    if not store.count("documents"):  # only rejects so far: nothing for the later stages
        return report
    analyse(store, settings, report, progress)
    resolve(store, settings, progress)
    store.index_text()
    return report


def ingest_all(paths: Iterable[str | Path], store: Store, settings: Settings, report: BuildReport,
               progress: Progress) -> None:
    """Read, clean and dedupe every new or changed item; keep rejects with their reasons."""
    deduper = Deduper(settings, store.content_hashes(), store.minhashes())
    for item in ingest.read(paths, settings):
        report.read += 1
        progress("ingest", report.read, None)
        if isinstance(item, Reject):
            report.rejects.append(item)
            store.add_reject(item)
            continue
        sha = hashlib.sha256(item.data).hexdigest()
        stored_sha = store.raw_sha256(item.id)
        if stored_sha == sha:
            report.unchanged += 1
            continue
        doc = clean(item, settings)
        if isinstance(doc, Reject):
            report.rejects.append(doc)
            store.add_reject(doc)
            continue
        store.add_document(doc, sha, replacing=stored_sha is not None)
        report.added += 1
        dup = deduper.check(doc)
        if dup is not None:
            store.add_duplicate(dup)
            report.duplicates += 1
        signature = deduper.signature(doc.id)
        if signature is not None:
            store.save_minhash(doc.id, signature)


def analyse(store: Store, settings: Settings, report: BuildReport, progress: Progress) -> None:
    """Run the spaCy pipeline and the per-document stages on every document not analysed yet."""
    dups = store.duplicates()
    todo = [i for i in store.document_ids("NOT analysed") if i not in dups]
    docs = store.documents(todo)
    for n, (doc, sdoc) in enumerate(nlp.pipe(docs, settings), 1):
        analyse_one(store, doc, sdoc, settings)
        report.analysed += 1
        progress("analyse", n, len(todo))


def analyse_one(store: Store, doc: Document, sdoc, settings: Settings) -> None:
    """The per-document stages on one parsed document."""
    sents = nlp.sentences(doc, sdoc)
    tx = timex.tag(sdoc, doc.id)
    ms = actors.find(sdoc, doc, settings)
    qs = quotes.find(sdoc, doc, ms, settings)
    evs = events.code(sdoc, doc, ms, tx, settings)
    store.save_analysis(doc.id, sents, tx, ms, qs, evs)


def resolve(store: Store, settings: Settings, progress: Progress) -> None:
    """The corpus-level steps: actors, document and event dates, clusters and the dates they repair."""
    settle_actors(store, settings)
    pins = store.pins()
    dups = store.duplicates()
    ids = [i for i in store.document_ids() if i not in dups]
    stored_timexes = store.timexes_by_doc()
    stored_events: dict[str, list] = {}
    for e in store.events():
        stored_events.setdefault(e.doc, []).append(e)
    published, timexes, events_of = {}, {}, {}
    for n, doc in enumerate(store.documents(ids, raw=False), 1):
        published[doc.id], timexes[doc.id], events_of[doc.id] = _date_one(
            doc, stored_timexes.get(doc.id, []), stored_events.get(doc.id, []), settings, pins.get(doc.id))
        progress("date", n, len(ids))
    all_events = [e for evs in events_of.values() for e in evs]
    clusters = cluster.assign(all_events, store.clusters(), settings)
    all_events = _repair_dates(store, clusters, all_events, published, timexes, events_of, settings, pins)
    for doc_id in ids:
        store.set_published(doc_id, published[doc_id])
        store.update_timexes(timexes[doc_id])
    store.save_clusters(clusters)
    store.update_event_dates(all_events)


def settle_actors(store: Store, settings: Settings) -> None:
    """Corpus-level actors: mentions relinked (spellings, lone names, 'the Chinese president'), the catalogue
    rebuilt, and events and quotes renamed to the catalogue's names."""
    mentions = store.mentions()
    links = actors.relink(mentions, settings)
    before = store.actors()
    after = actors.catalogue(mentions, settings)
    store.set_mention_actors(links)
    store.replace_actors(after)
    per_doc = actors.renames(mentions, {(d, i): a for d, i, a in links}, before, after)
    if not per_doc:
        return
    names = {a.id: a.name for a in after}
    changed_events = []
    for e in store.events():
        r = per_doc.get(e.doc)
        if r is not None:
            old = (list(e.actors), list(e.recipients))
            if (actors.rename_event(e, r).actors, e.recipients) != old:
                changed_events.append(e)
    store.set_event_parties(changed_events)
    changed_quotes = []
    for q in store.quotes():
        r = per_doc.get(q.doc)
        if r is not None:
            old_q = (q.speaker, q.actor)
            if (actors.rename_quote(q, r, names).speaker, q.actor) != old_q:
                changed_quotes.append(q)
    store.set_quote_speakers(changed_quotes)


def _date_one(doc: Document, tx: list, evs: list, settings: Settings, pinned: str | None, peers=()) -> tuple:
    """One document's date, and its time expressions and events resolved against it."""
    published = dating.date_document(doc, tx, settings, pinned=pinned, peers=peers)
    tx = dating.date_timexes(tx, published)
    return published, tx, dating.date_events(evs, tx, published)


def _repair_dates(store: Store, clusters: list, all_events: list, published: dict, timexes: dict, events_of: dict,
                  settings: Settings, pins: dict[str, str], rounds: int = 2) -> list:
    """Date repair through clusters: documents reporting an event that a better-dated document dates get
    re-dated from that agreement (Evidence kind 'cluster'); then each cluster gets its date."""
    for _ in range(rounds):
        peers = dating.peer_constraints(clusters, all_events, published, timexes)
        if not peers:
            break
        for doc in store.documents(sorted(peers), raw=False):
            published[doc.id], timexes[doc.id], events_of[doc.id] = _date_one(
                doc, timexes[doc.id], events_of[doc.id], settings, pins.get(doc.id), peers[doc.id])
        redated = {e.id: e for d in peers for e in events_of[d]}
        all_events = [redated.get(e.id, e) for e in all_events]
    dating.date_clusters(clusters, all_events, published, timexes)
    return all_events
