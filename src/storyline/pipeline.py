"""The build: raw files -> documents -> sentences, time expressions, mentions, quotes, events -> dates -> clusters.

Each step takes records and settings and returns records; this module is the only one that moves records
between the stages and the store. Every stage runs each item inside a guard: an unexpected error on one item
becomes a Reject for it (its stage, the error's class, one line) and the build goes on. What a build ingests
is committed in batches, each document with its duplicate link and signature; each document's analysis is
committed with it; the corpus-level results are committed together: a killed build resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from spacy.tokens import Doc

from storyline import actors, cluster, dating, engines, ingest, nlp, validate
from storyline.clean import clean
from storyline.dedupe import Deduper
from storyline.failures import failure
from storyline.records import Dated, Document, Duplicate, Raw, Reject
from storyline.settings import DEFAULT, Settings
from storyline.store import Store

Progress = Callable[[str, int, int | None], None]  # (step, done, total)
T = TypeVar("T")
CORPUS_STAGES = ("relink", "catalogue", "date", "cluster", "repair")


def _quiet(step: str, done: int, total: int | None) -> None:
    return None


@dataclass
class StageTime:
    """Seconds a step of the build took, and the documents and words it covered: CPU seconds summed over every
    worker for the per-document stages, wall-clock seconds for the steps of the whole build."""

    seconds: float = 0.0
    docs: int = 0
    words: int = 0


@dataclass
class BuildReport:
    """What a build did, for the end-of-run summary."""

    read: int = 0
    added: int = 0
    unchanged: int = 0
    duplicates: int = 0
    analysed: int = 0
    rejects: list[Reject] = field(default_factory=list)  # items left out, and stages that failed on kept documents
    bad_pins: list[validate.BadValue] = field(default_factory=list)  # date pins that name no document (or several)
    stages: dict[str, StageTime] = field(default_factory=dict)  # where the time went, step by step

    def add_time(self, stage: str, seconds: float, docs: int = 0, words: int = 0) -> None:
        """Count time (and the documents and words it covered) to a step."""
        t = self.stages.setdefault(stage, StageTime())
        t.seconds += seconds
        t.docs += docs
        t.words += words

    def timed(self, done: engines.Annotated) -> None:
        """Count an annotated document's per-stage CPU seconds."""
        for stage, seconds in done.seconds.items():
            self.add_time(stage, seconds, 1, done.words)

    @contextmanager
    def step(self, stage: str, docs: int = 0) -> Iterator[None]:
        """Time a step of the build (wall-clock seconds)."""
        clock = time.perf_counter()
        try:
            yield
        finally:
            self.add_time(stage, time.perf_counter() - clock, docs)

    def summary(self) -> dict[str, Any]:
        """The counts and the time of each step, as JSON data."""
        return {"read": self.read, "added": self.added, "unchanged": self.unchanged, "duplicates": self.duplicates,
                "analysed": self.analysed, "rejected": len(self.rejects) - len(self.failed),
                "stage_failures": len(self.failed),
                "stages": {k: {"seconds": round(v.seconds, 3), "docs": v.docs, "words": v.words}
                           for k, v in self.stages.items()}}

    @property
    def ingested(self) -> int:
        """Documents stored by this run or already in the store unchanged."""
        return self.added + self.unchanged

    @property
    def failed(self) -> list[Reject]:
        """The failures of later stages on documents that are kept."""
        return [r for r in self.rejects if not is_rejected(r)]


def is_rejected(r: Reject) -> bool:
    """Whether a Reject keeps its item out of the documents (else a later stage failed on a kept document)."""
    return r.stage in ("read", "clean", "store")


def build(paths: Iterable[str | Path], store: Store, settings: Settings = DEFAULT,
          pins: dict[str, str] | None = None, progress: Progress = _quiet) -> BuildReport:
    """Ingest the given files and folders into the store and run every stage."""
    report = BuildReport()
    with report.step("ingest"):
        ingest_all(paths, store, settings, report, progress)
    pinned = store.pins()
    resolved: dict[str, str] = {}
    if pins:
        resolved, report.bad_pins = validate.pinned_documents(pins, store.document_paths())
        with store.transaction():
            for doc_id, date in resolved.items():
                store.pin(doc_id, date)
    repinned = any(pinned.get(doc_id) != date for doc_id, date in resolved.items())
    if not store.count("documents"):  # only rejects so far: nothing for the later stages
        return report
    with report.step("analyse"):
        analyse(store, settings, report, progress)
    if not (repinned or report.added or report.analysed or store.unresolved(CORPUS_STAGES)):
        return report  # nothing new since the last build: its corpus-level results stand
    with report.step("resolve"):
        resolve(store, settings, progress, report)
    with report.step("index-text"):
        store.index_text()
    return report


def attempt(stage: str, doc_id: str, path: str, fails: list[Reject], fn: Callable[..., T], *args: Any,
            default: Any = None) -> T:
    """fn(*args), or `default` when it raises: the error becomes a Reject of this stage for the item."""
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - one item's failure must not stop the build
        fails.append(Reject(id=doc_id, path=path, reason=failure(stage, e), stage=stage))
        return default


@dataclass
class Ingested:
    """A cleaned document waiting for its batch to be stored, with its duplicate link and signature."""

    doc: Document
    sha: str
    replacing: bool
    duplicate: Duplicate | None
    signature: list[int] | None


class Batch:
    """Ingested documents and rejects, stored together every few hundred documents or seconds."""

    def __init__(self, store: Store, deduper: Deduper, report: BuildReport, settings: Settings) -> None:
        self.store, self.deduper, self.report, self.settings = store, deduper, report, settings
        self.docs: list[Ingested] = []
        self.rejects: list[Reject] = []
        self.bytes = 0
        self.since = time.monotonic()

    def reject(self, rej: Reject) -> None:
        """Keep a reject (or a stage failure) to store with the batch."""
        self.report.rejects.append(rej)
        self.rejects.append(rej)

    def add(self, item: Ingested) -> None:
        """Add a document; store the batch when it is full."""
        self.docs.append(item)
        self.bytes += len(item.doc.raw)
        s = self.settings
        if (len(self.docs) >= s.commit_documents or self.bytes >= s.commit_bytes
                or time.monotonic() - self.since >= s.commit_seconds):
            self.flush()

    def flush(self) -> None:
        """Store the batch in one transaction; when that fails, one document at a time, rejecting the ones that
        cannot be stored (and linking no later copy to them)."""
        try:
            with self.store.transaction():
                self._write(self.docs, self.rejects)
        except Exception:  # noqa: BLE001 - find the item at fault below
            self._one_by_one()
        self.report.added += len(self.docs)
        self.report.duplicates += sum(i.duplicate is not None for i in self.docs)
        self.docs, self.rejects, self.bytes, self.since = [], [], 0, time.monotonic()

    def _write(self, docs: Sequence[Ingested], rejects: Sequence[Reject]) -> None:
        for i in docs:
            self.store.add_ingested(i.doc, i.sha, i.replacing, i.duplicate, i.signature)
        for r in rejects:
            self.store.add_reject(r)

    def _one_by_one(self) -> None:
        kept: list[Ingested] = []
        lost: set[str] = set()
        for i in self.docs:
            if i.duplicate is not None and i.duplicate.canonical in lost:
                i.duplicate, i.signature = self.deduper.check(i.doc), None
                i.signature = self.deduper.signature(i.doc.id)
            fails: list[Reject] = []
            attempt("store", i.doc.id, i.doc.path, fails, self._write, [i], [])
            if fails:
                lost.add(i.doc.id)
                self.deduper.forget(i.doc.id)
                fails[0].data = i.doc.raw
                self.reject(fails[0])
            else:
                kept.append(i)
        for r in self.rejects:
            attempt("store", r.id, r.path, [], self.store.add_reject, r)  # a reject that cannot be stored is printed
        self.docs = kept


def ingest_all(paths: Iterable[str | Path], store: Store, settings: Settings, report: BuildReport,
               progress: Progress) -> None:
    """Read, clean and dedupe every new or changed item; keep rejects with their reasons."""
    stored = store.raw_hashes()
    deduper = Deduper(settings, store.content_hashes(), store.minhashes(), store.near_links())
    batch = Batch(store, deduper, report, settings)
    progress("ingest", 0, None)
    for item in ingest.read(paths, settings):
        report.read += 1
        progress("ingest", report.read, None)
        if isinstance(item, Reject):
            batch.reject(item)
            continue
        sha = hashlib.sha256(item.data).hexdigest()
        if stored.get(item.id) == sha:
            report.unchanged += 1
            continue
        fails: list[Reject] = []
        doc = attempt("clean", item.id, item.path, fails, clean, item, settings)
        if doc is None or isinstance(doc, Reject):
            batch.reject(doc or _with_data(fails[0], item))
            continue
        dup = attempt("dedupe", doc.id, doc.path, fails, deduper.check, doc)
        for f in fails:
            batch.reject(f)
        batch.add(Ingested(doc, sha, item.id in stored, dup, deduper.signature(doc.id)))
    batch.flush()


def _with_data(rej: Reject, item: Raw) -> Reject:
    """The reject with the item's raw bytes, which are kept."""
    rej.data = item.data
    return rej


def analyse(store: Store, settings: Settings, report: BuildReport, progress: Progress) -> None:
    """Run the spaCy pipeline and the per-document stages on every document not analysed yet (and again on
    those a stage failed on before), on the engine and workers the settings name; store what they find a batch at
    a time, with the words of the new sentences counted into the store's word statistics in the same transaction
    (a killed build resumes after the last batch stored)."""
    dups = store.duplicates()
    again = store.failed(analysis_stages(settings))
    todo = sorted({*store.document_ids(analysed=False), *again} - set(dups))
    count_words(store)  # documents a killed build analysed but did not count
    if not todo:
        return
    progress("analyse", 0, len(todo))
    stats = term_stats(store)
    pending: list[engines.Annotated] = []
    since = time.monotonic()
    for n, done in enumerate(engines.run(store.documents(todo, raw=False), settings, len(todo)), 1):
        pending.append(done)
        report.timed(done)
        if len(pending) >= settings.commit_documents or time.monotonic() - since >= settings.commit_seconds:
            _store_annotated(store, pending, stats, report, settings)
            pending, since = [], time.monotonic()
        progress("analyse", n, len(todo))
    _store_annotated(store, pending, stats, report, settings)


def _store_annotated(store: Store, done: list[engines.Annotated], stats: cluster.TermStats,
                     report: BuildReport, settings: Settings) -> None:
    """Store annotated documents, their failures and the word statistics together; when that fails, one document
    at a time, a document whose layers cannot be stored keeping only its failures (stage 'store-analysis')."""
    if not done:
        return
    clock = time.process_time()
    try:
        _write_annotated(store, done, stats, settings)
    except Exception as e:  # noqa: BLE001 - find the document at fault below
        if len(done) > 1:
            for one in done:
                _store_annotated(store, [one], stats, report, settings)
            return
        a = done[0]
        a.fails.append(Reject(id=a.doc.id, path=a.doc.path, reason=failure("store-analysis", e),
                              stage="store-analysis"))
        a.parsed = False
        _write_annotated(store, done, stats, settings)
    for a in done:
        report.rejects.extend(a.fails)
        report.analysed += a.parsed
    report.add_time("store-analysis", time.process_time() - clock)


def _write_annotated(store: Store, done: list[engines.Annotated], stats: cluster.TermStats,
                     settings: Settings) -> None:
    """One transaction: the documents' layers, their failures (earlier ones cleared) and the word statistics."""
    with store.transaction():
        store.clear_failures(analysis_stages(settings), [a.doc.id for a in done])
        store.save_layers(*[a.doc for a in done if a.parsed])
        for a in done:
            for f in a.fails:
                store.add_reject(f)
        stats.add(s.text for a in done if a.parsed for s in a.doc.sentences)
        store.save_term_counts(stats.docs, stats.to_bytes(), counted=[a.doc.id for a in done if a.parsed])


def count_words(store: Store) -> None:
    """Count the words of the documents analysed since the word statistics were last saved (by this build or a
    killed one), and save the statistics with those documents marked counted, together."""
    stats = term_stats(store)
    uncounted = store.uncounted()
    if uncounted:
        stats.add(store.sentence_texts(uncounted))
        store.save_term_counts(stats.docs, stats.to_bytes(), counted=uncounted)


def term_stats(store: Store) -> cluster.TermStats:
    """The store's word statistics (counted from its sentences once, for a store made before it kept them)."""
    docs, df = store.term_counts()
    stats = cluster.TermStats.from_bytes(df, docs)
    if not stats.docs and store.count("sentences"):
        stats.add(store.sentence_texts())
        store.save_term_counts(stats.docs, stats.to_bytes())
    return stats


def parse_batch(docs: list[Document], settings: Settings) -> Iterator[tuple[Document, Doc | None, Exception | None]]:
    """Each document with its spaCy parse, the batch parsed together; when that fails, one document at a time,
    to find the one at fault (it comes with the error)."""
    if not docs:
        return
    try:
        pairs = list(nlp.pipe(docs, settings))
    except Exception:  # noqa: BLE001 - isolate the document below
        for doc in docs:
            try:
                ((_, parse),) = nlp.pipe([doc], settings)
            except Exception as e:  # noqa: BLE001
                yield doc, None, e
            else:
                yield doc, parse, None
        return
    for doc, parse in pairs:
        yield doc, parse, None


def analysis_stages(settings: Settings) -> tuple[str, ...]:
    """The names under which the analysis of a document can fail: its parse, each stage, its storing."""
    return ("parse", *settings.stages, "store-analysis")


def culprits(fn: Callable[[list[T]], Any], groups: list[list[T]]) -> list[tuple[int, Exception]]:
    """The groups (by index) that make fn fail, found by halving; a failure that needs several groups together
    is not found."""
    try:
        fn([x for g in groups for x in g])
        return []
    except Exception as e:  # noqa: BLE001
        if len(groups) == 1:
            return [(0, e)]
    mid = len(groups) // 2
    return culprits(fn, groups[:mid]) + [(mid + i, e) for i, e in culprits(fn, groups[mid:])]


def isolate(stage: str, fn: Callable[[list[T]], Any], items: list[T], doc_of: Callable[[T], str],
            paths: dict[str, str], fails: list[Reject], fallback: Any) -> Any:
    """A corpus-level step fn(items); when it fails, run again without the documents whose items make it
    fail (each becomes a Reject of this stage); `fallback` when even that fails."""
    try:
        return fn(items)
    except Exception as first:  # noqa: BLE001 - find the documents at fault below
        groups: dict[str, list[T]] = {}
        for x in items:
            groups.setdefault(doc_of(x), []).append(x)
        ids = list(groups)
        bad = culprits(fn, list(groups.values()))
        for i, e in bad:
            fails.append(Reject(id=ids[i], path=paths.get(ids[i], ""), reason=failure(stage, e), stage=stage))
        left_out = {ids[i] for i, _ in bad}
        try:
            return fn([x for x in items if doc_of(x) not in left_out])
        except Exception:  # noqa: BLE001
            fails.append(Reject(id="", path="", reason=failure(stage, first, "for the whole corpus"), stage=stage))
            return fallback


def resolve(store: Store, settings: Settings, progress: Progress, report: BuildReport | None = None) -> None:
    """The corpus-level steps: actors, document and event dates, clusters and the dates they repair; stored in
    one transaction (a killed build leaves the results of the build before, and the next build redoes them)."""
    fails: list[Reject] = []
    progress("actors", 0, None)
    with store.transaction():
        paths = store.document_paths()
        settle_actors(store, settings, paths, fails)
        pins = store.pins()
        dups = store.duplicates()
        archive = attempt("date", "", "", fails, _archive, store, default={})
        ids = [i for i in store.document_ids() if i not in dups]
        stored_timexes = store.timexes_by_doc()
        stored_events: dict[str, list] = {}
        for e in store.events():
            stored_events.setdefault(e.doc, []).append(e)
        published, timexes, events_of = {}, {}, {}
        for n, doc in enumerate(store.documents(ids, raw=False), 1):
            doc.sentences = store.sentences(doc.id)  # where each piece of date evidence stands
            tx, evs = stored_timexes.get(doc.id, []), stored_events.get(doc.id, [])
            published[doc.id], timexes[doc.id], events_of[doc.id] = attempt(
                "date", doc.id, doc.path, fails, _date_one, doc, tx, evs, settings, pins.get(doc.id), (),
                dating.Context(archive=archive.get(doc.id)), default=(Dated(None, False, None, "unknown"), tx, evs))
            progress("date", n, len(ids))
        all_events = [e for evs in events_of.values() for e in evs]
        progress("cluster", 0, None)
        stats = term_stats(store)
        if not store.count("cluster_keys") and store.count("clusters"):  # a store from before the index: file once
            members: dict[str, list] = {}
            for e in all_events:
                if e.cluster:
                    members.setdefault(e.cluster, []).append(e)
            store.save_cluster_keys({c: cluster.filing(ms, stats) for c, ms in members.items()})
        work = cluster.Work()
        clusters = isolate("cluster", lambda evs: cluster.assign(evs, (), settings, stats=stats, stored=store,
                                                                 work=work),
                           all_events, lambda e: e.doc, paths, fails, [])
        all_events = _repair_dates(store, clusters, all_events, published, timexes, events_of, settings, pins, fails,
                                   archive)
        for doc_id in ids:
            store.set_published(doc_id, published[doc_id])
        store.update_timexes([t for doc_id in ids for t in timexes[doc_id]])
        for doc in store.documents(sorted(dups), raw=False):
            doc.sentences = store.sentences(doc.id)
            original = _original(doc.id, dups)
            context = dating.Context(archive=archive.get(doc.id), original=original,
                                     original_date=published.get(original))
            copy_date = attempt("date", doc.id, doc.path, fails, dating.date_document, doc, [], settings,
                                pins.get(doc.id), (), None, context)
            if copy_date is not None:
                store.set_published(doc.id, copy_date)
        store.save_clusters(clusters)
        store.update_event_dates(all_events)
        store.save_cluster_keys(work.postings)
        store.drop_empty_clusters()
        store.clear_failures(CORPUS_STAGES)
        for f in fails:
            store.add_reject(f)
    if report is not None:
        report.rejects.extend(fails)


def settle_actors(store: Store, settings: Settings, paths: dict[str, str] | None = None,
                  fails: list[Reject] | None = None) -> None:
    """Corpus-level actors: mentions relinked (spellings, lone names, 'the Chinese president'), the catalogue
    rebuilt, and events and quotes renamed to the catalogue's names; a document whose mentions make a step fail
    is left out of it (a Reject of that stage)."""
    paths = paths if paths is not None else store.document_paths()
    fails = fails if fails is not None else []
    mentions = store.mentions()
    links = isolate("relink", lambda ms: actors.relink(ms, settings), mentions, lambda m: m.doc, paths, fails, [])
    before = store.actors()
    after = isolate("catalogue", lambda ms: actors.catalogue(ms, settings), mentions, lambda m: m.doc, paths,
                    fails, None)
    store.set_mention_actors(links)
    if after is None:
        return
    store.replace_actors(after)
    per_doc = attempt("relink", "", "", fails, actors.renames, mentions, {(d, i): a for d, i, a in links}, before,
                      after, default={})
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


def _archive(store: Store) -> dict:
    """Which documents' folder dates are publication dates: the corpus's layout, checked against the dates the
    documents print themselves (dating.archive_layout)."""
    return dating.archive_layout((d.id, d.path, dating.printed_date(d)) for d in store.documents(raw=False))


def _original(doc_id: str, dups: dict) -> str:
    """The document a copy copies (following a copy of a copy to the first)."""
    seen = {doc_id}
    while doc_id in dups and dups[doc_id].canonical not in seen:
        doc_id = dups[doc_id].canonical
        seen.add(doc_id)
    return doc_id


def _date_one(doc: Document, tx: list, evs: list, settings: Settings, pinned: str | None, peers=(),
              context: dating.Context | None = None) -> tuple:
    """One document's date, and its time expressions and events resolved against it."""
    published = dating.date_document(doc, tx, settings, pinned=pinned, peers=peers, context=context)
    tx = dating.date_timexes(tx, published, dating.comments_start(doc.text))
    return published, tx, dating.date_events(evs, tx, published)


def _repair_dates(store: Store, clusters: list, all_events: list, published: dict, timexes: dict, events_of: dict,
                  settings: Settings, pins: dict[str, str], fails: list[Reject], archive: dict | None = None,
                  rounds: int = 2) -> list:
    """Date repair through clusters: documents reporting an event that a better-dated document dates get
    re-dated from that agreement (Evidence kind 'cluster'); then each cluster gets its date."""
    for _ in range(rounds):
        peers = attempt("repair", "", "", fails, dating.peer_constraints, clusters, all_events, published, timexes,
                        default={})
        if not peers:
            break
        for doc in store.documents(sorted(peers), raw=False):
            doc.sentences = store.sentences(doc.id)
            published[doc.id], timexes[doc.id], events_of[doc.id] = attempt(
                "repair", doc.id, doc.path, fails, _date_one, doc, timexes[doc.id], events_of[doc.id], settings,
                pins.get(doc.id), peers[doc.id], dating.Context(archive=(archive or {}).get(doc.id)),
                default=(published[doc.id], timexes[doc.id], events_of[doc.id]))
        redated = {e.id: e for d in peers for e in events_of[d]}
        all_events = [redated.get(e.id, e) for e in all_events]
    attempt("repair", "", "", fails, dating.date_clusters, clusters, all_events, published, timexes)
    return all_events
