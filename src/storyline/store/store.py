"""Read and write storyline records in one DuckDB file."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from storyline.records import (
    Actor,
    Cluster,
    Dated,
    Document,
    Duplicate,
    Event,
    Mention,
    Quote,
    Reject,
    Sentence,
    TimeExpression,
)
from storyline.store.migrations import migrate
from storyline.store.rows import columns, dated_columns, dated_from_row, from_row, json_value, to_row

# the stages whose failure keeps an item out of the documents (a later stage's failure keeps the document)
INGEST_STAGES = ("read", "clean", "store")

# tables with a full-text index, and the columns it covers (the last is the text shown with a hit)
FTS_TABLES = {"documents": ("title", "text"), "quotes": ("speaker", "text"), "events": ("text",)}


def _q(col: str) -> str:
    """A column name quoted for SQL."""
    return f'"{col}"'


def _filters(**conditions: Any) -> tuple[str, list[Any]]:
    """A WHERE clause and its parameters from column conditions: a value (equal to it), a collection (one of
    them), or None (no condition)."""
    clauses: list[str] = []
    params: list[Any] = []
    for col, value in conditions.items():
        if value is None:
            continue
        if isinstance(value, str):
            clauses.append(f"{_q(col)} = ?")
            params.append(value)
        else:
            clauses.append(f"{_q(col)} IN (SELECT unnest(?))")
            params.append(list(value))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def dated_sql(date_column: str) -> str:
    """SQL for the JSON object of a stored date decision (as Dated.to_json gives it; unknown when none)."""
    return (f"json_object('date', {date_column}, 'certain', coalesce(certain, false), 'interval', "
            "CASE WHEN interval_lo IS NULL AND interval_hi IS NULL THEN NULL ELSE json_array(interval_lo, interval_hi) END, "
            "'source', coalesce(date_source, 'unknown'), 'evidence', coalesce(date_evidence, '[]'::JSON))")


# the record tables as the library API gives them (documents, events, quotes, actors), for COPY ... TO
RECORD_TABLES = {
    "documents": f"SELECT d.id, d.title, d.text, d.url, d.source, d.language, {dated_sql('d.published')} AS published, "
                 "dup.canonical AS duplicate_of, d.page_dates FROM documents d LEFT JOIN duplicates dup ON dup.id = d.id "
                 "ORDER BY d.id",
    "events": 'SELECT id, doc AS document, sentence, start, "end", text, category, mode, actors, recipients, location, '
              f"negated, hypothetical, future, trigger, timex, {dated_sql('date')} AS date, cluster, "
              "coalesce(background, false) AS background FROM events ORDER BY doc, sentence, id",
    "quotes": 'SELECT id, doc AS document, sentence, start, "end", text, speaker, actor, cue, cue_start, cue_end, direct, '
              "speaker_start, speaker_end FROM quotes ORDER BY doc, start",
    "actors": "SELECT id, name, type, country, roles, aliases, mentions FROM actors ORDER BY mentions DESC, name",
}


class Store:
    """One DuckDB file holding documents and everything derived from them."""

    def __init__(self, path: str | Path = "storyline.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        self._depth = 0  # open transaction() blocks
        self._added = dt.datetime.min  # the last `added` stamp given, so that stamps follow the order of ingest
        self._parent: Store | None = None  # the store a cursor() view reads through
        if not read_only:
            migrate(self.con)

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

    def cursor(self) -> Store:
        """The same store through a connection of its own (for another thread: DuckDB connections are not shared
        between threads)."""
        view = copy.copy(self)
        view.con = self.con.cursor()
        view._depth = 0
        view._parent = self  # closing (or dropping) this store would close the view's connection too
        return view

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
                    yield {n: (json_value(v) if t == "JSON" else v) for n, t, v in zip(names, types, r, strict=True)}
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
                self._insert("duplicates", to_row(duplicate), replace=False)
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
            self._insert("documents", {**to_row(doc), "raw_sha256": raw_sha256, "added": self._stamp(),
                                       "analysed": False}, replace=False)

    def documents(self, ids: Iterable[str] | None = None, raw: bool = True) -> Iterator[Document]:
        """Documents (all, or these), in id order, streamed a batch at a time; raw=False leaves their raw bytes in
        the store."""
        sql = "SELECT * FROM documents" if raw else "SELECT * EXCLUDE (raw) FROM documents"
        params: list[Any] = []
        if ids is not None:
            ids = list(ids)
            if not ids:
                return
            sql += " WHERE id IN (SELECT unnest(?))"
            params.append(ids)
        sql += " ORDER BY id"
        for row in self.iter_rows(sql, params):
            yield from_row(Document, row)

    def document_ids(self, analysed: bool | None = None) -> list[str]:
        """The ids of the stored documents (all, or those analysed or not yet), in order."""
        sql = "SELECT id FROM documents" + ("" if analysed is None else " WHERE analysed = ?") + " ORDER BY id"
        return [r[0] for r in self.con.execute(sql, [] if analysed is None else [analysed]).fetchall()]

    def set_published(self, doc_id: str, dated: Dated) -> None:
        """Record the dating stage's decision for a document."""
        cols = dated_columns(dated, "published")
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

    def rejects(self) -> list[dict[str, Any]]:
        """Every reject: id, path, stage, reason and how many raw bytes are kept."""
        return self.rows("SELECT id, path, stage, reason, octet_length(raw) AS bytes FROM rejects ORDER BY path, id")

    def clear_failures(self, stages: Sequence[str], doc_ids: str | Sequence[str] | None = None) -> None:
        """Forget earlier failures of these stages (of one document, of some, or of all): they are being run again."""
        if doc_ids is None:
            self.con.execute("DELETE FROM rejects WHERE stage IN (SELECT unnest(?))", [list(stages)])
            return
        ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        self.con.execute("DELETE FROM rejects WHERE stage IN (SELECT unnest(?)) AND id IN (SELECT unnest(?))",
                         [list(stages), ids])

    def failed(self, stages: Sequence[str]) -> set[str]:
        """The ids of documents that these stages failed on in an earlier build."""
        return {r[0] for r in self.con.execute("SELECT DISTINCT id FROM rejects WHERE stage IN (SELECT unnest(?))",
                                               [list(stages)]).fetchall()}

    def add_duplicate(self, dup: Duplicate) -> None:
        """Link a copy to its canonical document."""
        self._insert("duplicates", to_row(dup))

    def duplicates(self) -> dict[str, Duplicate]:
        """Every copy, by id."""
        return {r["id"]: from_row(Duplicate, r) for r in self.rows("SELECT * FROM duplicates")}

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

    def unresolved(self, stages: Sequence[str]) -> bool:
        """Whether the corpus-level steps have work: a document never dated, an event in no cluster, or a failure
        of these steps to retry."""
        return bool(self.scalar(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE date_source IS NULL) OR EXISTS (SELECT 1 FROM events "
            "WHERE cluster IS NULL) OR EXISTS (SELECT 1 FROM rejects WHERE stage IN (SELECT unnest(?)))", [list(stages)]))

    def pins(self) -> dict[str, str]:
        """Pinned dates, by document id."""
        return dict(self.con.execute("SELECT doc, date FROM pins").fetchall())

    # per-document analysis --------------------------------------------------------------------
    def layer_tables(self) -> list[str]:
        """The tables that hold a layer of the documents, one for each stage that stores records (its migration
        registers it)."""
        return [r[0] for r in self.con.execute("SELECT name FROM layer_tables ORDER BY name").fetchall()]

    def forget_analysis(self, doc_ids: list[str]) -> None:
        """Drop everything derived from these documents."""
        for table in self.layer_tables():
            self.con.execute(f"DELETE FROM {_q(table)} WHERE doc IN (SELECT unnest(?))", [doc_ids])
        self.con.execute("UPDATE documents SET analysed = false WHERE id IN (SELECT unnest(?))", [doc_ids])

    def save_layers(self, *docs: Document) -> None:
        """Store the layers the per-document stages annotated documents with, replacing what was there (one
        statement per table for all of them)."""
        if not docs:
            return
        tables = self.layer_tables()
        missing = [name for doc in docs for name in doc.layers if name not in tables]
        if missing:
            raise ValueError(f"no table for the layer {missing[0]!r}: its stage needs a migration that creates it "
                             "and registers it in layer_tables")
        ids = [d.id for d in docs]
        with self.transaction():
            for table in tables:
                self.con.execute(f"DELETE FROM {_q(table)} WHERE doc IN (SELECT unnest(?))", [ids])
            for table in tables:
                rows = [to_row(r) for doc in docs for r in doc.layer(table)]
                if rows:
                    self._insert_many(table, list(rows[0]), [list(r.values()) for r in rows])
            self.con.execute("UPDATE documents SET analysed = true WHERE id IN (SELECT unnest(?))", [ids])
            self.con.execute("INSERT OR IGNORE INTO uncounted SELECT unnest(?)", [ids])

    def sentences(self, doc_id: str) -> list[Sentence]:
        """A document's sentences in order."""
        return [from_row(Sentence, r) for r in self.rows("SELECT * FROM sentences WHERE doc = ? ORDER BY idx", [doc_id])]

    def timexes(self, doc_id: str) -> list[TimeExpression]:
        """A document's time expressions in order."""
        return [from_row(TimeExpression, r) for r in self.rows("SELECT * FROM timexes WHERE doc = ? ORDER BY idx",
                                                               [doc_id])]

    def timexes_by_doc(self) -> dict[str, list[TimeExpression]]:
        """Every document's time expressions in order, read in one query."""
        out: dict[str, list[TimeExpression]] = {}
        for r in self.iter_rows("SELECT * FROM timexes ORDER BY doc, idx"):
            out.setdefault(r["doc"], []).append(from_row(TimeExpression, r))
        return out

    def update_timexes(self, timexes: list[TimeExpression]) -> None:
        """Rewrite the resolution (interval, certain) of time expressions after re-dating."""
        if timexes:
            self._update_rows("timexes", ("doc", "idx"), {
                "doc": [t.doc for t in timexes], "idx": [t.index for t in timexes], "value": [t.value for t in timexes],
                "interval_lo": [t.interval.lo if t.interval else None for t in timexes],
                "interval_hi": [t.interval.hi if t.interval else None for t in timexes],
                "certain": [t.certain for t in timexes]}, {"idx": "int32", "certain": "bool_"})

    def mentions(self, doc_id: str | None = None) -> list[Mention]:
        """Mentions of one document, or of all."""
        sql = "SELECT * FROM mentions" + (" WHERE doc = ?" if doc_id else "") + " ORDER BY doc, idx"
        return [from_row(Mention, r) for r in self.rows(sql, [doc_id] if doc_id else [])]

    def set_mention_actors(self, links: list[tuple[str, int, str | None]]) -> None:
        """Link mentions (doc, idx) to canonical actor ids."""
        if not links:
            return
        self.con.executemany("UPDATE mentions SET actor = ? WHERE doc = ? AND idx = ?",
                             [[a, d, i] for d, i, a in links])

    def events(self, doc: str | None = None, ids: Iterable[str] | None = None,
               clusters: Iterable[str] | None = None) -> list[Event]:
        """Events: all, or those of a document, with these ids, or in these clusters."""
        where, params = _filters(doc=doc, id=ids, cluster=clusters)
        return self._events(where, params)

    def events_naming(self, names: Iterable[str]) -> list[Event]:
        """Events with a party (actor or recipient) of one of these names, written in any case."""
        return self._events(" WHERE list_has_any(list_transform(CAST(actors AS VARCHAR[]) || CAST(recipients AS "
                            "VARCHAR[]), p -> lower(p)), CAST(? AS VARCHAR[]))", [[n.lower() for n in names]])

    def _events(self, where: str = "", params: Sequence[Any] = ()) -> list[Event]:
        """Events under a WHERE clause, in document order."""
        return [from_row(Event, r) for r in self.rows(f"SELECT * FROM events{where} ORDER BY doc, sentence, id",
                                                      params)]

    def update_event_dates(self, events: list[Event]) -> None:
        """Rewrite events' dates, background flags and clusters (in one statement)."""
        if not events:
            return
        cols: dict[str, list] = {"id": [e.id for e in events], "cluster": [e.cluster for e in events],
                                 "background": [e.background for e in events]}
        dated = [dated_columns(e.date) for e in events]
        for k in dated[0]:
            cols[k] = [d[k] for d in dated]
        self._update_rows("events", ("id",), cols, {"certain": "bool_", "background": "bool_"})

    def _update_rows(self, table: str, keys: Sequence[str], cols: dict[str, list], types: dict[str, str]) -> None:
        """Set columns of the rows the `keys` columns pick, from one list per column, in one UPDATE ... FROM an Arrow
        table (an UPDATE per row or per document took 37 ms each); a column is text unless `types` names its Arrow
        type by its pyarrow name ('bool_', 'int32')."""
        import pyarrow as pa

        data = pa.table({k: pa.array(v, type=getattr(pa, types.get(k, "string"))()) for k, v in cols.items()})
        self.con.register("row_updates", data)
        try:
            sets = ", ".join(f"{_q(k)} = u.{_q(k)}" for k in cols if k not in keys)
            match = " AND ".join(f"{_q(table)}.{_q(k)} = u.{_q(k)}" for k in keys)
            self.con.execute(f"UPDATE {_q(table)} SET {sets} FROM row_updates u WHERE {match}")
        finally:
            self.con.unregister("row_updates")

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

    def quotes(self, doc: str | None = None, actor: str | None = None) -> list[Quote]:
        """Quotes: all, or those of a document or an actor."""
        where, params = _filters(doc=doc, actor=actor)
        return [from_row(Quote, r) for r in self.rows(f"SELECT * FROM quotes{where} ORDER BY doc, start", params)]

    def quotes_by(self, actor_id: str, names: Iterable[str]) -> list[Quote]:
        """Quotes attributed to the actor or said by a speaker of one of these names (in any case)."""
        sql = ("SELECT * FROM quotes WHERE actor = ? OR lower(speaker) IN (SELECT unnest(?)) ORDER BY doc, start")
        return [from_row(Quote, r) for r in self.rows(sql, [actor_id, [n.lower() for n in names]])]

    def copy_records(self, table: str, path: Path, fmt: str) -> None:
        """Write one record table (RECORD_TABLES) to a CSV or Parquet file with DuckDB's COPY; JSON columns as
        JSON text."""
        target = str(path).replace("'", "''")
        options = "FORMAT csv, HEADER" if fmt == "csv" else "FORMAT parquet"
        self.con.execute(f"COPY ({RECORD_TABLES[table]}) TO '{target}' ({options})")

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
        self._insert_many("actors", columns(Actor), [list(to_row(a).values()) for a in actors])

    def actors(self, limit: int | None = None) -> list[Actor]:
        """Every canonical actor (or the `limit` most mentioned), the most mentioned first."""
        sql = "SELECT * FROM actors ORDER BY mentions DESC, name" + (" LIMIT ?" if limit is not None else "")
        return [from_row(Actor, r) for r in self.rows(sql, [limit] if limit is not None else [])]

    def actor(self, actor_id: str) -> Actor | None:
        """One canonical actor by id, or None."""
        rows = self.rows("SELECT * FROM actors WHERE id = ?", [actor_id])
        return from_row(Actor, rows[0]) if rows else None

    def save_clusters(self, clusters: list[Cluster]) -> None:
        """Insert or replace clusters."""
        if clusters:
            self._insert_many("clusters", columns(Cluster), [list(to_row(c).values()) for c in clusters], replace=True)

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
        return self.events(clusters=ids)

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

    def uncounted(self) -> list[str]:
        """The analysed documents whose sentences the word statistics do not count yet."""
        return [r[0] for r in self.con.execute("SELECT doc FROM uncounted ORDER BY doc").fetchall()]

    def save_term_counts(self, docs: int, df: bytes, counted: Iterable[str] | None = None) -> None:
        """Keep the word statistics, which now count the sentences of these documents (of all, when None)."""
        with self.transaction():
            self._insert("term_stats", {"id": 0, "docs": docs, "df": df})
            if counted is None:
                self.con.execute("DELETE FROM uncounted")
            else:
                self.con.execute("DELETE FROM uncounted WHERE doc IN (SELECT unnest(?))", [list(counted)])

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
        rows = self.rows(sql, [[k[0] for k in keys], [k[1] for k in keys]])
        return {(r["doc"], r["idx"]): from_row(Sentence, r) for r in rows}

    def events_at(self, keys: Sequence[tuple[str, int]]) -> list[Event]:
        """The events of the given (document, sentence) sentences."""
        if not keys:
            return []
        return self._events(" WHERE id IN (SELECT e.id FROM events e JOIN (SELECT unnest(?) AS doc, unnest(?) AS idx)"
                            " k ON e.doc = k.doc AND e.sentence = k.idx)", [[k[0] for k in keys], [k[1] for k in keys]])

    def news_events(self, date_from: str | None = None, date_to: str | None = None) -> list[Event]:
        """Events that happened and are news (not background) and are timed to a day by their report: by a time
        expression naming a day ('on Friday', '4 February'), relative to another event, or within a week;
        copies left out (the caller checks the dates against its range)."""
        day_value = r"^(\d{4}|XXXX)-(\d{2}-\d{2}|WXX-\d)"
        where = f""" WHERE id IN (
            SELECT e.id FROM events e LEFT JOIN timexes t ON t.doc = e.doc AND t.idx = e.timex
            WHERE NOT (e.negated OR e.hypothetical OR e.future OR coalesce(e.background, false))
              AND e.date_source IN ('timex', 'relative', 'cluster')
              AND e.doc NOT IN (SELECT id FROM duplicates)
              AND (e.date_source = 'relative' OR regexp_matches(coalesce(t.value, ''), '{day_value}')
                   OR (length(e.interval_lo) = 10 AND length(e.interval_hi) = 10
                       AND date_diff('day', CAST(e.interval_lo AS DATE), CAST(e.interval_hi AS DATE)) <= 7)))"""
        return self._events(where)

    def clusters(self, ids: Iterable[str] | None = None) -> list[Cluster]:
        """Clusters: all, or these."""
        where, params = _filters(id=ids)
        return [from_row(Cluster, r) for r in self.rows(f"SELECT * FROM clusters{where} ORDER BY date, id", params)]


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
