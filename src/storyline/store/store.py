"""Read and write storyline records in one DuckDB file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb

from storyline.records import (
    Actor,
    Cluster,
    Counted,
    Dated,
    Document,
    Duplicate,
    Event,
    HalfOf,
    Interval,
    Mention,
    MonthDay,
    MonthOf,
    NthWeekday,
    Offset,
    OnDate,
    PageDate,
    PartOfYear,
    QuarterOf,
    Quote,
    Recurrence,
    Reject,
    SeasonOf,
    Sentence,
    Shift,
    Stretch,
    TimeExpression,
    TimeMeaning,
    Vague,
    WeekdayOf,
    Weekend,
    as_dict,
)

# per-document tables and the columns written from a record of that kind
_PER_DOC = {
    "sentences": ("doc", "idx", "start", "end", "text"),
    "timexes": ("doc", "idx", "sentence", "start", "end", "text", "type", "value", "anchored", "relative",
                "rule", "interval_lo", "interval_hi", "certain"),
    "mentions": ("doc", "idx", "sentence", "start", "end", "text", "label", "actor", "role", "country"),
    "events": ("id", "doc", "sentence", "start", "end", "text", "category", "mode", "actors", "recipients",
               "location", "negated", "hypothetical", "future", "trigger", "timex", "date", "certain",
               "interval_lo", "interval_hi", "date_source", "date_evidence", "cluster", "background"),
    "quotes": ("id", "doc", "sentence", "start", "end", "text", "speaker", "actor", "cue", "cue_start",
               "cue_end", "direct", "speaker_start", "speaker_end"),
}


# the stages whose failure keeps an item out of the documents (a later stage's failure keeps the document)
INGEST_STAGES = ("read", "clean", "store")

# tables with a full-text index, and the columns it covers (the last is the text shown with a hit)
FTS_TABLES = {"documents": ("title", "text"), "quotes": ("speaker", "text"), "events": ("text",)}


def _q(col: str) -> str:
    """A column name quoted for SQL."""
    return f'"{col}"'


def dated_columns(d: Dated | None) -> dict[str, Any]:
    """The columns that store a Dated value (its JSON object, spread over six columns)."""
    if d is None:
        return {"date": None, "certain": None, "interval_lo": None, "interval_hi": None,
                "date_source": None, "date_evidence": None}
    j = d.to_json()
    lo, hi = j["interval"] or (None, None)
    return {"date": j["date"], "certain": j["certain"], "interval_lo": lo, "interval_hi": hi,
            "date_source": j["source"], "date_evidence": json.dumps(j["evidence"])}


def dated_from_row(row: dict[str, Any], date_key: str = "date") -> Dated | None:
    """The Dated value stored in a row, or None when the row has no date decision yet."""
    if row.get("date_source") is None and row.get(date_key) is None:
        return None
    return Dated.from_json({"date": row.get(date_key), "certain": row.get("certain"),
                            "interval": [row.get("interval_lo"), row.get("interval_hi")],
                            "source": row.get("date_source"), "evidence": _json(row.get("date_evidence"))})


def _json(value: Any) -> Any:
    """A JSON column's value as Python data."""
    if value is None or not isinstance(value, str):
        return value
    return json.loads(value)


class Store:
    """One DuckDB file holding documents and everything derived from them."""

    def __init__(self, path: str | Path = "storyline.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        self._depth = 0  # open transaction() blocks
        self._added = dt.datetime.min  # the last `added` stamp given, so that stamps follow the order of ingest
        if not read_only:
            self.con.execute(resources.files("storyline.store").joinpath("schema.sql").read_text())

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Everything written inside the block is stored together or not at all (a killed build leaves either
        all of it or none); blocks nest, the outermost one commits."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self.con.execute("ROLLBACK")
            raise
        self._depth = 0
        self.con.execute("COMMIT")

    def _stamp(self) -> dt.datetime:
        """A time for a new document, later than any given before by this connection (documents sort by it)."""
        now = dt.datetime.now()
        self._added = now if now > self._added else self._added + dt.timedelta(microseconds=1)
        return self._added

    def close(self) -> None:
        """Close the connection."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # generic access ----------------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows of a query as dicts, JSON columns decoded."""
        return list(self.iter_rows(sql, params, own_cursor=False))

    def iter_rows(self, sql: str, params: Sequence[Any] = (), batch: int = 256,
                  own_cursor: bool = True) -> Iterator[dict[str, Any]]:
        """The rows of a query as dicts, fetched a batch at a time; on a cursor of its own by default, so that
        the caller may run other queries (and writes) while it reads."""
        cur = self.con.cursor() if own_cursor else self.con
        try:
            cur.execute(sql, list(params))
            names = [d[0] for d in cur.description]
            types = [str(d[1]) for d in cur.description]
            while chunk := cur.fetchmany(batch):
                for r in chunk:
                    yield {n: (_json(v) if t == "JSON" else v) for n, t, v in zip(names, types, r, strict=True)}
        finally:
            if own_cursor:
                cur.close()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row of a query."""
        row = self.con.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def count(self, table: str) -> int:
        """How many rows a table has."""
        return int(self.scalar(f"SELECT count(*) FROM {table}"))

    def _insert(self, table: str, row: dict[str, Any], replace: bool = True) -> None:
        """Insert a row; replace=False when the key is known to be new (a plain INSERT is ten times faster)."""
        cols = ", ".join(_q(c) for c in row)
        marks = ", ".join("?" for _ in row)
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        self.con.execute(f"{verb} INTO {table} ({cols}) VALUES ({marks})", list(row.values()))

    def _insert_many(self, table: str, cols: Sequence[str], rows: list[list[Any]], replace: bool = False) -> None:
        """Insert rows in one statement (through an Arrow table: executemany runs one statement per row)."""
        if not rows:
            return
        import pyarrow as pa

        data = pa.table({f"c{i}": pa.array([r[i] for r in rows]) for i in range(len(cols))})
        self.con.register("rows_to_insert", data)
        try:
            verb = "INSERT OR REPLACE" if replace else "INSERT"
            self.con.execute(f"{verb} INTO {table} ({', '.join(_q(c) for c in cols)}) SELECT * FROM rows_to_insert")
        finally:
            self.con.unregister("rows_to_insert")

    # documents --------------------------------------------------------------------------------
    def raw_sha256(self, doc_id: str) -> str | None:
        """The hash of the raw bytes stored for a document id, or None when it is new."""
        return self.scalar("SELECT raw_sha256 FROM documents WHERE id = ?", [doc_id])

    def raw_hashes(self) -> dict[str, str]:
        """The hash of the raw bytes of every stored document, by id (one query for a whole build)."""
        return dict(self.con.execute("SELECT id, raw_sha256 FROM documents").fetchall())

    def document_paths(self) -> dict[str, str]:
        """The file each stored document came from, by id."""
        return dict(self.con.execute("SELECT id, path FROM documents").fetchall())

    def add_ingested(self, doc: Document, raw_sha256: str, replacing: bool, duplicate: Duplicate | None,
                     signature: list[int] | None) -> None:
        """A new document with its duplicate link and its MinHash, written together (a build killed in between
        leaves all three or none)."""
        with self.transaction():
            self.add_document(doc, raw_sha256, replacing)
            if duplicate is not None:
                self._insert("duplicates", as_dict(duplicate), replace=False)
            if signature is not None:
                self._insert("minhashes", {"id": doc.id, "hashvalues": signature}, replace=False)

    def add_document(self, doc: Document, raw_sha256: str, replacing: bool | None = None) -> None:
        """Store a cleaned document (replacing an older version of the same id and what was derived from it);
        `replacing` says whether the id is stored already, when the caller knows (else it is looked up)."""
        with self.transaction():
            if replacing is None:
                replacing = self.raw_sha256(doc.id) is not None
            if replacing:
                self.forget_analysis([doc.id])
                self.con.execute("DELETE FROM duplicates WHERE id = ? OR canonical = ?", [doc.id, doc.id])
                self.con.execute("DELETE FROM minhashes WHERE id = ?", [doc.id])
                self.con.execute("DELETE FROM documents WHERE id = ?", [doc.id])
            # an item rejected by an earlier build and usable now is no longer a reject
            self.con.execute("DELETE FROM rejects WHERE id = ? AND path = ?", [doc.id, doc.path])
            self._insert("documents", {
                "id": doc.id, "path": doc.path, "kind": doc.kind, "raw": doc.raw, "raw_sha256": raw_sha256,
                "text": doc.text, "title": doc.title, "url": doc.url, "source": doc.source, "language": doc.language,
                "content_hash": doc.content_hash, "meta_published": doc.meta_published,
                "page_dates": json.dumps(as_dict(doc.page_dates)), "dateline": doc.dateline,
                "added": self._stamp(), "analysed": False,
            }, replace=False)

    def documents(self, ids: Iterable[str] | None = None, where: str = "", raw: bool = True) -> Iterator[Document]:
        """Documents, in id order, streamed a batch at a time; raw=False leaves their raw bytes in the store."""
        sql = "SELECT * FROM documents" if raw else "SELECT * EXCLUDE (raw) FROM documents"
        params: list[Any] = []
        if ids is not None:
            ids = list(ids)
            if not ids:
                return
            sql += " WHERE id IN (SELECT unnest(?))"
            params.append(ids)
        elif where:
            sql += " WHERE " + where
        sql += " ORDER BY id"
        for row in self.iter_rows(sql, params):
            yield document_from_row(row)

    def document_ids(self, where: str = "") -> list[str]:
        """The ids of the stored documents, in order."""
        sql = "SELECT id FROM documents" + (f" WHERE {where}" if where else "") + " ORDER BY id"
        return [r[0] for r in self.con.execute(sql).fetchall()]

    def set_published(self, doc_id: str, dated: Dated) -> None:
        """Record the dating stage's decision for a document."""
        cols = dated_columns(dated)
        cols["published"] = cols.pop("date")
        sets = ", ".join(f"{_q(k)} = ?" for k in cols)
        self.con.execute(f"UPDATE documents SET {sets} WHERE id = ?", [*cols.values(), doc_id])

    def published(self, doc_id: str) -> Dated | None:
        """The stored date decision of a document."""
        return self.published_by_id([doc_id]).get(doc_id)

    def published_by_id(self, ids: Iterable[str] | None = None) -> dict[str, Dated | None]:
        """The stored date decisions of some documents (all when ids is None), read in one query."""
        sql = "SELECT id, published, certain, interval_lo, interval_hi, date_source, date_evidence FROM documents"
        params: list[Any] = []
        if ids is not None:
            sql += " WHERE id IN (SELECT unnest(?))"
            params.append(list(ids))
        return {r["id"]: dated_from_row(r, "published") for r in self.iter_rows(sql, params)}

    # rejects, duplicates, pins ----------------------------------------------------------------
    def add_reject(self, rej: Reject) -> None:
        """Record an input we could not use (or a stage that failed on a kept document), with its reason and
        its raw bytes."""
        stages = list(INGEST_STAGES) if rej.stage in INGEST_STAGES else [rej.stage]
        with self.transaction():
            self.con.execute("DELETE FROM rejects WHERE id = ? AND path = ? AND stage IN (SELECT unnest(?))",
                             [rej.id, rej.path, stages])
            self.con.execute("INSERT INTO rejects (id, path, reason, raw, stage) VALUES (?, ?, ?, ?, ?)",  # no key
                             [rej.id, rej.path, rej.reason, rej.data, rej.stage])

    def clear_failures(self, stages: Sequence[str], doc_id: str | None = None) -> None:
        """Forget earlier failures of these stages (of one document, or of all): they are being run again."""
        sql = "DELETE FROM rejects WHERE stage IN (SELECT unnest(?))" + (" AND id = ?" if doc_id else "")
        self.con.execute(sql, [list(stages), *([doc_id] if doc_id else [])])

    def failed(self, stages: Sequence[str]) -> set[str]:
        """The ids of documents that these stages failed on in an earlier build."""
        return {r[0] for r in self.con.execute("SELECT DISTINCT id FROM rejects WHERE stage IN (SELECT unnest(?))",
                                               [list(stages)]).fetchall()}

    def add_duplicate(self, dup: Duplicate) -> None:
        """Link a copy to its canonical document."""
        self._insert("duplicates", as_dict(dup))

    def duplicates(self) -> dict[str, Duplicate]:
        """Every copy, by id."""
        return {r["id"]: Duplicate(**r) for r in self.rows("SELECT * FROM duplicates")}

    def save_minhash(self, doc_id: str, hashvalues: list[int]) -> None:
        """Keep a document's MinHash so later builds can add to the LSH index without re-reading text."""
        self._insert("minhashes", {"id": doc_id, "hashvalues": hashvalues})

    def minhashes(self) -> Iterator[tuple[str, list[int]]]:
        """Every stored MinHash, in the order its documents were added."""
        yield from self.con.execute("SELECT m.id, m.hashvalues FROM minhashes m LEFT JOIN documents d ON d.id = m.id "
                                    "ORDER BY d.added, m.id").fetchall()

    def content_hashes(self) -> dict[str, str]:
        """Normalized-text hash -> the first (canonical) document id with it."""
        out: dict[str, str] = {}
        for h, i in self.con.execute("SELECT content_hash, id FROM documents ORDER BY added, id").fetchall():
            out.setdefault(h, i)
        return out

    def near_links(self) -> dict[str, tuple[str, str, float]]:
        """Normalized-text hash of every near copy -> (its canonical, 'near', similarity): an exact copy of a near
        copy links to the same canonical."""
        rows = self.con.execute("SELECT d.content_hash, u.canonical, u.kind, u.similarity FROM duplicates u "
                                "JOIN documents d ON d.id = u.id WHERE u.kind = 'near' ORDER BY d.added, d.id").fetchall()
        return {h: (c, k, s) for h, c, k, s in rows}

    def pin(self, doc_id: str, date: str) -> None:
        """Pin a document's date: everything relative to it re-resolves."""
        self._insert("pins", {"doc": doc_id, "date": date})

    def pins(self) -> dict[str, str]:
        """Pinned dates, by document id."""
        return dict(self.con.execute("SELECT doc, date FROM pins").fetchall())

    # per-document analysis --------------------------------------------------------------------
    def forget_analysis(self, doc_ids: list[str]) -> None:
        """Drop everything derived from these documents."""
        for table in _PER_DOC:
            self.con.execute(f"DELETE FROM {table} WHERE doc IN (SELECT unnest(?))", [doc_ids])
        self.con.execute("UPDATE documents SET analysed = false WHERE id IN (SELECT unnest(?))", [doc_ids])

    def save_layers(self, doc: Document) -> None:
        """Store the layers the per-document stages annotated a document with, replacing what was there."""
        doc_id = doc.id
        with self.transaction():
            for table in _PER_DOC:
                self.con.execute(f"DELETE FROM {table} WHERE doc = ?", [doc_id])
            self._insert_many("sentences", _PER_DOC["sentences"],
                              [[s.doc, s.index, s.start, s.end, s.text] for s in doc.sentences])
            self._insert_many("timexes", _PER_DOC["timexes"], [timex_row(t) for t in doc.timexes])
            self._insert_many("mentions", _PER_DOC["mentions"],
                              [[m.doc, m.index, m.sentence, m.start, m.end, m.text, m.label, m.actor, m.role,
                                m.country] for m in doc.mentions])
            self._insert_many("quotes", _PER_DOC["quotes"],
                              [[getattr(q, c) for c in _PER_DOC["quotes"]]
                               for q in doc.quotes])
            self._insert_many("events", _PER_DOC["events"], [event_row(e) for e in doc.events])
            self.con.execute("UPDATE documents SET analysed = true WHERE id = ?", [doc_id])

    def sentences(self, doc_id: str) -> list[Sentence]:
        """A document's sentences in order."""
        return [Sentence(r["doc"], r["idx"], r["start"], r["end"], r["text"])
                for r in self.rows("SELECT * FROM sentences WHERE doc = ? ORDER BY idx", [doc_id])]

    def timexes(self, doc_id: str) -> list[TimeExpression]:
        """A document's time expressions in order."""
        return [timex_from_row(r) for r in self.rows("SELECT * FROM timexes WHERE doc = ? ORDER BY idx", [doc_id])]

    def timexes_by_doc(self) -> dict[str, list[TimeExpression]]:
        """Every document's time expressions in order, read in one query."""
        out: dict[str, list[TimeExpression]] = {}
        for r in self.iter_rows("SELECT * FROM timexes ORDER BY doc, idx"):
            out.setdefault(r["doc"], []).append(timex_from_row(r))
        return out

    def update_timexes(self, timexes: list[TimeExpression]) -> None:
        """Rewrite the resolution (interval, certain) of time expressions after re-dating."""
        if not timexes:
            return
        self.con.executemany(
            "UPDATE timexes SET value = ?, interval_lo = ?, interval_hi = ?, certain = ? WHERE doc = ? AND idx = ?",
            [[t.value, t.interval.lo if t.interval else None, t.interval.hi if t.interval else None, t.certain,
              t.doc, t.index] for t in timexes])

    def mentions(self, doc_id: str | None = None) -> list[Mention]:
        """Mentions of one document, or of all."""
        sql = "SELECT * FROM mentions" + (" WHERE doc = ?" if doc_id else "") + " ORDER BY doc, idx"
        return [Mention(doc=r["doc"], index=r["idx"], sentence=r["sentence"], start=r["start"], end=r["end"],
                        text=r["text"], label=r["label"], actor=r["actor"], role=r.get("role"), country=r.get("country"))
                for r in self.rows(sql, [doc_id] if doc_id else [])]

    def set_mention_actors(self, links: list[tuple[str, int, str | None]]) -> None:
        """Link mentions (doc, idx) to canonical actor ids."""
        if not links:
            return
        self.con.executemany("UPDATE mentions SET actor = ? WHERE doc = ? AND idx = ?",
                             [[a, d, i] for d, i, a in links])

    def events(self, where: str = "", params: Sequence[Any] = ()) -> list[Event]:
        """Events, optionally filtered by a SQL condition."""
        sql = "SELECT * FROM events" + (f" WHERE {where}" if where else "") + " ORDER BY doc, sentence, id"
        return [event_from_row(r) for r in self.rows(sql, params)]

    def update_event_dates(self, events: list[Event]) -> None:
        """Rewrite events' dates, background flags and clusters (in one statement)."""
        if not events:
            return
        import pyarrow as pa

        cols: dict[str, list] = {"id": [e.id for e in events], "cluster": [e.cluster for e in events],
                                 "background": [e.background for e in events]}
        dated = [dated_columns(e.date) for e in events]
        for k in dated[0]:
            cols[k] = [d[k] for d in dated]
        types = {"certain": pa.bool_(), "background": pa.bool_()}
        table = pa.table({k: pa.array(v, type=types.get(k, pa.string())) for k, v in cols.items()})
        self.con.register("event_updates", table)
        try:
            sets = ", ".join(f"{_q(k)} = u.{_q(k)}" for k in cols if k != "id")
            self.con.execute(f"UPDATE events SET {sets} FROM event_updates u WHERE events.id = u.id")
        finally:
            self.con.unregister("event_updates")

    def set_event_parties(self, events: list[Event]) -> None:
        """Rewrite events' actor and recipient names (after the corpus settled their canonical names)."""
        if events:
            self.con.executemany("UPDATE events SET actors = ?, recipients = ? WHERE id = ?",
                                 [[json.dumps(e.actors), json.dumps(e.recipients), e.id] for e in events])

    def set_quote_speakers(self, quotes: list[Quote]) -> None:
        """Rewrite quotes' speaker names and actor ids."""
        if quotes:
            self.con.executemany("UPDATE quotes SET speaker = ?, actor = ? WHERE id = ?",
                                 [[q.speaker, q.actor, q.id] for q in quotes])

    def quotes(self, where: str = "", params: Sequence[Any] = ()) -> list[Quote]:
        """Quotes, optionally filtered by a SQL condition."""
        sql = "SELECT * FROM quotes" + (f" WHERE {where}" if where else "") + " ORDER BY doc, start"
        return [Quote(**{k: v for k, v in r.items()}) for r in self.rows(sql, params)]

    # full-text search -----------------------------------------------------------------------------
    def load_fts(self) -> None:
        """Load DuckDB's full-text search extension from the wheel that ships it (nothing is downloaded)."""
        import duckdb_extension_fts

        ext = next(Path(duckdb_extension_fts.__file__).parent.glob("extensions/*/fts.duckdb_extension"))
        self.con.execute(f"LOAD '{ext}'")

    def index_text(self) -> None:
        """(Re)build the full-text indexes over documents, quotes and events."""
        self.load_fts()
        for table, cols in FTS_TABLES.items():
            if self.count(table):
                quoted = ", ".join(f"'{c}'" for c in cols)
                self.con.execute(f"PRAGMA create_fts_index('{table}', 'id', {quoted}, overwrite=1)")

    def search(self, words: str, limit: int = 50) -> list[dict[str, Any]]:
        """Documents, quotes and events matching the words, best first (BM25)."""
        self.load_fts()
        hits: list[dict[str, Any]] = []
        for table, cols in FTS_TABLES.items():
            has_index = self.scalar("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?", [f"fts_main_{table}"])
            if not has_index:
                continue
            doc_col = "id" if table == "documents" else "doc"
            sql = (f"SELECT '{table}' AS kind, id, {doc_col} AS document, {cols[-1]} AS text, score FROM "
                   f"(SELECT *, fts_main_{table}.match_bm25(id, ?) AS score FROM {table}) WHERE score IS NOT NULL "
                   f"ORDER BY score DESC LIMIT ?")
            hits.extend(self.rows(sql, [words, limit]))
        hits.sort(key=lambda h: -h["score"])
        return hits[:limit]

    # corpus-level tables ----------------------------------------------------------------------
    def replace_actors(self, actors: list[Actor]) -> None:
        """Replace the actor table."""
        self.con.execute("DELETE FROM actors")
        self._insert_many("actors", ("id", "name", "type", "country", "roles", "aliases", "mentions"),
                          [[a.id, a.name, a.type, a.country, json.dumps(a.roles), json.dumps(a.aliases), a.mentions]
                           for a in actors])

    def actors(self) -> list[Actor]:
        """Every canonical actor."""
        return [Actor(**r) for r in self.rows("SELECT * FROM actors ORDER BY mentions DESC, name")]

    def save_clusters(self, clusters: list[Cluster]) -> None:
        """Insert or replace clusters."""
        rows = [{"id": c.id, "events": json.dumps(c.events), "documents": json.dumps(c.documents),
                 "category": c.category, "actors": json.dumps(c.actors), **dated_columns(c.date),
                 "summary": c.summary, "story": c.story} for c in clusters]
        if rows:
            self._insert_many("clusters", list(rows[0]), [list(r.values()) for r in rows], replace=True)

    def cluster_postings(self, ranges: dict[str, tuple[int | None, int | None]]) -> list[tuple[str, int, str]]:
        """(key, week, cluster) of the clustering index under the given keys, within each key's weeks [lo, hi]
        (open ends unbounded) or undated (-1)."""
        if not ranges:
            return []
        keys = list(ranges)
        sql = ("SELECT k.key, k.bucket, k.cluster FROM cluster_keys k JOIN (SELECT unnest(?) AS key, unnest(?) AS lo, "
               "unnest(?) AS hi) q ON k.key = q.key WHERE k.bucket = -1 OR ((q.lo IS NULL OR k.bucket >= q.lo) AND "
               "(q.hi IS NULL OR k.bucket <= q.hi)) ORDER BY k.cluster, k.key, k.bucket")
        return [tuple(r) for r in self.con.execute(sql, [keys, [ranges[k][0] for k in keys],
                                                         [ranges[k][1] for k in keys]]).fetchall()]

    def cluster_members(self, ids: Sequence[str]) -> list[Event]:
        """The events of the given clusters."""
        if not ids:
            return []
        return self.events("cluster IN (SELECT unnest(?))", [list(ids)])

    def save_cluster_keys(self, postings: dict[str, list[tuple[str, int]]]) -> None:
        """File clusters in the clustering index, replacing what they were filed under."""
        if not postings:
            return
        self.con.execute("DELETE FROM cluster_keys WHERE cluster IN (SELECT unnest(?))", [list(postings)])
        self._insert_many("cluster_keys", ("cluster", "key", "bucket"),
                          [[c, k, b] for c, rows in postings.items() for k, b in rows])

    def drop_empty_clusters(self) -> None:
        """Forget clusters none of whose events is left (their documents were replaced)."""
        alive = "SELECT DISTINCT cluster FROM events WHERE cluster IS NOT NULL"
        self.con.execute(f"DELETE FROM clusters WHERE id NOT IN ({alive})")
        self.con.execute(f"DELETE FROM cluster_keys WHERE cluster NOT IN ({alive})")

    def term_counts(self) -> tuple[int, bytes | None]:
        """How many sentences the word statistics count, and their frequencies (storyline.cluster.terms)."""
        row = self.con.execute("SELECT docs, df FROM term_stats WHERE id = 0").fetchone()
        return (int(row[0]), bytes(row[1])) if row else (0, None)

    def save_term_counts(self, docs: int, df: bytes) -> None:
        """Keep the word statistics."""
        self._insert("term_stats", {"id": 0, "docs": docs, "df": df})

    def sentence_texts(self, doc_ids: Iterable[str] | None = None) -> Iterator[str]:
        """The text of every sentence (of some documents), streamed."""
        sql, params = "SELECT text FROM sentences", []
        if doc_ids is not None:
            sql += " WHERE doc IN (SELECT unnest(?))"
            params.append(list(doc_ids))
        for r in self.iter_rows(sql, params, batch=4096):
            yield r["text"]

    # the storyline's reads --------------------------------------------------------------------------
    def timeline_points(self, date_from: str | None, date_to: str | None,
                        words: Sequence[str] = ()) -> list[tuple[str, str, int, str, bool, str | None]]:
        """(day, document, sentence, kind, certain, event id) for every sentence that points at one day: a time
        expression naming the day ('timex'), an event dated to it that happened and is news ('event'), or one of
        the first five sentences of a report published that day ('lead'); within [date_from, date_to] (leads a
        day beyond), in sentences holding every word given; copies left out."""
        one_day = "{t}.interval_lo = {t}.interval_hi AND length({t}.interval_lo) = 10"
        sql = f"""
            WITH p AS (
                SELECT t.interval_lo AS day, t.doc, t.sentence, 'timex' AS kind, coalesce(t.certain, false) AS certain,
                       NULL::VARCHAR AS event
                FROM timexes t WHERE {one_day.format(t="t")} AND t.type IN ('DATE', 'TIME')
                  AND t.value NOT IN ('PRESENT_REF', 'PAST_REF', 'FUTURE_REF')
                UNION ALL
                SELECT e.interval_lo, e.doc, e.sentence, 'event', coalesce(e.certain, false), e.id
                FROM events e WHERE {one_day.format(t="e")} AND NOT (e.negated OR e.hypothetical OR e.future
                  OR coalesce(e.background, false))
                UNION ALL
                SELECT d.interval_lo, s.doc, s.idx, 'lead', false, NULL
                FROM sentences s JOIN documents d ON d.id = s.doc WHERE s.idx < 5 AND {one_day.format(t="d")}
            )
            SELECT p.day, p.doc, p.sentence, p.kind, p.certain, p.event FROM p
            JOIN sentences s ON s.doc = p.doc AND s.idx = p.sentence
            WHERE p.doc NOT IN (SELECT id FROM duplicates)
              AND (? IS NULL OR p.day >= ? OR (p.kind = 'lead' AND p.day >= ?)) AND (? IS NULL OR p.day <= ?)
              {"".join(" AND lower(s.text) LIKE ?" for _ in words)}
            ORDER BY p.day, p.doc, p.sentence"""
        lo, hi = _day_bound(date_from, False), _day_bound(date_to, True)
        lead_lo = (lo - dt.timedelta(days=1)).isoformat() if lo else None
        lo_s, hi_s = (lo.isoformat() if lo else None), (hi.isoformat() if hi else None)
        params = [lo_s, lo_s, lead_lo, hi_s, hi_s, *(f"%{w.lower()}%" for w in words)]
        return [tuple(r) for r in self.con.execute(sql, params).fetchall()]

    def published_spans(self) -> dict[str, tuple[str, str | None]]:
        """The days every document (not a copy) may have been published on, (first, last), when the first is
        known to the day."""
        rows = self.con.execute("SELECT id, interval_lo, interval_hi FROM documents WHERE length(interval_lo) = 10 "
                                "AND id NOT IN (SELECT id FROM duplicates)").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def sentences_at(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], Sentence]:
        """The given (document, index) sentences."""
        if not keys:
            return {}
        sql = ("SELECT s.* FROM sentences s JOIN (SELECT unnest(?) AS doc, unnest(?) AS idx) k "
               "ON s.doc = k.doc AND s.idx = k.idx")
        rows = self.con.execute(sql, [[k[0] for k in keys], [k[1] for k in keys]]).fetchall()
        return {(r[0], r[1]): Sentence(r[0], r[1], r[2], r[3], r[4]) for r in rows}

    def events_at(self, keys: Sequence[tuple[str, int]]) -> list[Event]:
        """The events of the given (document, sentence) sentences."""
        if not keys:
            return []
        return self.events("id IN (SELECT e.id FROM events e JOIN (SELECT unnest(?) AS doc, unnest(?) AS idx) k "
                           "ON e.doc = k.doc AND e.sentence = k.idx)", [[k[0] for k in keys], [k[1] for k in keys]])

    def news_events(self, date_from: str | None = None, date_to: str | None = None) -> list[Event]:
        """Events that happened and are news (not background) and are timed to a day by their report: by a time
        expression naming a day ('on Friday', '4 February'), relative to another event, or within a week;
        copies left out (the caller checks the dates against its range)."""
        day_value = r"^(\d{4}|XXXX)-(\d{2}-\d{2}|WXX-\d)"
        where = f"""id IN (
            SELECT e.id FROM events e LEFT JOIN timexes t ON t.doc = e.doc AND t.idx = e.timex
            WHERE NOT (e.negated OR e.hypothetical OR e.future OR coalesce(e.background, false))
              AND e.date_source IN ('timex', 'relative', 'cluster')
              AND e.doc NOT IN (SELECT id FROM duplicates)
              AND (e.date_source = 'relative' OR regexp_matches(coalesce(t.value, ''), '{day_value}')
                   OR (length(e.interval_lo) = 10 AND length(e.interval_hi) = 10
                       AND date_diff('day', CAST(e.interval_lo AS DATE), CAST(e.interval_hi AS DATE)) <= 7)))"""
        return self.events(where)

    def clusters(self, where: str = "", params: Sequence[Any] = ()) -> list[Cluster]:
        """Clusters, optionally filtered by a SQL condition."""
        sql = "SELECT * FROM clusters" + (f" WHERE {where}" if where else "") + " ORDER BY date, id"
        return [Cluster(id=r["id"], events=r["events"], documents=r["documents"], category=r["category"],
                        actors=r["actors"], date=dated_from_row(r), summary=r["summary"], story=r["story"])
                for r in self.rows(sql, params)]


def _day_bound(s: str | None, end: bool) -> dt.date | None:
    """The first (or last) day of YYYY, YYYY-MM or YYYY-MM-DD; None when it is none of these."""
    import calendar

    parts = (s or "").strip().split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        d = int(parts[2]) if len(parts) > 2 else (calendar.monthrange(y, m)[1] if end else 1)
        return dt.date(y, m, d)
    except (ValueError, IndexError):
        return None


def document_from_row(row: dict[str, Any]) -> Document:
    """A Document from a documents row."""
    return Document(
        id=row["id"], path=row["path"], kind=row["kind"], raw=bytes(row.get("raw") or b""), text=row["text"],
        title=row["title"], url=row["url"], source=row["source"], language=row["language"],
        content_hash=row["content_hash"], meta_published=row["meta_published"],
        page_dates=[PageDate(**p) for p in row["page_dates"] or []], dateline=row["dateline"],
    )


def timex_row(t: TimeExpression) -> list[Any]:
    """The timexes columns of a TimeExpression."""
    return [t.doc, t.index, t.sentence, t.start, t.end, t.text, t.type, t.value, t.anchored,
            json.dumps(t.meaning.to_json()) if t.meaning else None, t.rule,
            t.interval.lo if t.interval else None, t.interval.hi if t.interval else None, t.certain]


def read_meaning(stored: str | None) -> TimeMeaning | None:
    """A time expression's meaning as stored: its JSON object (or, in a store of version 0.1, the old text form)."""
    if not stored:
        return None
    if stored.startswith("{"):
        return TimeMeaning.from_json(json.loads(stored))
    return legacy_meaning(stored)


def legacy_meaning(text: str) -> TimeMeaning:
    """A meaning from the text form storyline 0.1 stored ('weekday:5:past@TAF', 'from:shift:-1:D:md:12-30:past')."""
    base, _, clock = text.partition("@")
    kind, _, rest = base.partition(":")
    p = rest.split(":")
    if kind == "from":
        how, k, unit, ref = rest.split(":", 3)
        return Counted(how, int(k), unit, legacy_meaning(ref), clock=clock)
    if kind == "shift" and len(p) > 2:
        return PartOfYear(int(p[1]), p[2], clock=clock)
    made: dict[str, Callable[[], TimeMeaning]] = {
        "date": lambda: OnDate(p[0], clock=clock),
        "md": lambda: MonthDay(int(p[0][:2]), int(p[0][3:]), p[1], int(p[2][1:]) if len(p) > 2 else None, clock=clock),
        "month": lambda: MonthOf(int(p[0]), p[1], clock=clock),
        "weekday": lambda: WeekdayOf(int(p[0]), p[1], clock=clock),
        "nthday": lambda: NthWeekday(*(int(x) for x in p[0].split("-")), p[1], clock=clock),
        "weekend": lambda: Weekend(p[1], clock=clock),
        "season": lambda: SeasonOf(p[0], p[1], clock=clock),
        "quarter": lambda: QuarterOf(int(p[0]), p[1], int(p[2].rstrip("Y")) if len(p) > 2 else 0, clock=clock),
        "half": lambda: HalfOf(int(p[0]), clock=clock),
        "shift": lambda: Shift(p[0], int(p[1]), clock=clock),
        "offset": lambda: Offset(int(p[0]), p[1], clock=clock),
        "vague": lambda: Vague(p[0], p[1] if len(p) > 1 else None, clock=clock),
        "dur": lambda: Stretch(p[0], p[1] if len(p) > 1 else None, clock=clock),
        "set": lambda: Recurrence(p[0], clock=clock),
    }
    return made[kind]()


def timex_from_row(r: dict[str, Any]) -> TimeExpression:
    """A TimeExpression from a timexes row."""
    lo, hi = r["interval_lo"], r["interval_hi"]
    return TimeExpression(doc=r["doc"], index=r["idx"], sentence=r["sentence"], start=r["start"], end=r["end"],
                          text=r["text"], type=r["type"], value=r["value"], anchored=bool(r["anchored"]),
                          meaning=read_meaning(r["relative"]), rule=r["rule"] or "",
                          interval=Interval(lo, hi) if (lo or hi) else None,
                          certain=bool(r["certain"]))


def event_row(e: Event) -> list[Any]:
    """The events columns of an Event."""
    cols = dated_columns(e.date)
    base = {"id": e.id, "doc": e.doc, "sentence": e.sentence, "start": e.start, "end": e.end, "text": e.text,
            "category": e.category, "mode": e.mode, "actors": json.dumps(e.actors),
            "recipients": json.dumps(e.recipients), "location": e.location, "negated": e.negated,
            "hypothetical": e.hypothetical, "future": e.future, "trigger": e.trigger, "timex": e.timex,
            **cols, "cluster": e.cluster, "background": e.background}
    return [base[c] for c in _PER_DOC["events"]]


def event_from_row(r: dict[str, Any]) -> Event:
    """An Event from an events row."""
    return Event(id=r["id"], doc=r["doc"], sentence=r["sentence"], start=r["start"], end=r["end"], text=r["text"],
                 category=r["category"], mode=r["mode"], actors=r["actors"] or [], recipients=r["recipients"] or [],
                 location=r["location"], negated=bool(r["negated"]), hypothetical=bool(r["hypothetical"]),
                 future=bool(r["future"]), trigger=r["trigger"] or "", timex=r["timex"], date=dated_from_row(r),
                 cluster=r["cluster"], background=bool(r.get("background")))
