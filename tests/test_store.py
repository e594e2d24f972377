"""The store: a real DuckDB file, idempotent rebuilds, incremental additions."""

from __future__ import annotations

from pathlib import Path

from storyline.pipeline import build
from storyline.store import Store


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = ("Moscow, March 3 - Russian President Vladimir Putin met Chinese President Xi Jinping on Monday. "
           "The two leaders signed an agreement on energy cooperation, the Kremlin said.\n")


def test_rebuild_is_idempotent_and_incremental(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", ARTICLE)
    write(corpus, "sub/b.txt", ARTICLE.replace("energy", "trade") + "More on trade talks.\n")
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        first = build([corpus], store)
        assert (first.added, first.unchanged) == (2, 0)
        counts = {t: store.count(t) for t in ("documents", "sentences")}
        again = build([corpus], store)
        assert (again.added, again.unchanged) == (0, 2)
        assert {t: store.count(t) for t in counts} == counts
        write(corpus, "c.txt", "Beijing, June 1 - A new article about something else entirely.\n")
        third = build([corpus], store)
        assert (third.added, third.unchanged) == (1, 2)
        assert store.document_ids() == ["a.txt", "c.txt", "sub/b.txt"]
        assert store.term_counts()[0] == store.count("sentences")  # word statistics count each sentence once
        assert store.uncounted() == []


def test_raw_bytes_kept_byte_for_byte(tmp_path: Path) -> None:
    data = "Caf\u00e9 talks\r\n\tin Paris \u2013 the minister said.\r\n".encode()
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "x.txt").write_bytes(data)
    with Store(tmp_path / "s.duckdb") as store:
        build([tmp_path / "c"], store)
        assert next(store.documents(["x.txt"])).raw == data


def test_a_reject_that_becomes_usable_leaves_the_rejects(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    write(corpus, "x.txt", "")
    with Store(tmp_path / "s.duckdb") as store:
        first = build([corpus], store)
        assert first.added == 0 and store.count("rejects") == 1
        write(corpus, "x.txt", ARTICLE)
        second = build([corpus], store)
        assert second.added == 1
        assert store.count("rejects") == 0


def test_documents_stream_in_batches_while_the_store_is_written(tmp_path: Path) -> None:
    """Reading documents holds one batch at a time and tolerates writes between rows (as analysis does)."""
    from storyline.clean.core import content_hash
    from storyline.records import Document

    with Store(tmp_path / "s.duckdb") as store:
        for i in range(600):
            text = f"Article {i}: the ministers met on Monday in Geneva."
            store.add_document(Document(id=f"d{i:03d}", path="p", kind="text", raw=text.encode(), text=text,
                                        content_hash=content_hash(text)), raw_sha256=str(i))
        seen = []
        for doc in store.documents(raw=False):
            assert doc.raw == b""
            store.con.execute("UPDATE documents SET analysed = true WHERE id = ?", [doc.id])
            seen.append(doc.id)
        assert seen == [f"d{i:03d}" for i in range(600)]
        assert store.count("documents") == 600 and store.document_ids(analysed=False) == []
        assert next(store.documents(["d007"])).raw == b"Article 7: the ministers met on Monday in Geneva."


def test_every_record_has_the_columns_its_fields_derive(tmp_path: Path) -> None:
    """The store's columns come from the records (storyline.store.rows): a field without its column is caught here."""
    from storyline.records import Actor, Cluster, Document, Duplicate, Reject
    from storyline.settings import DEFAULT
    from storyline.stages import get
    from storyline.store.rows import columns

    layers = {get(name).layer: get(name).record for name in DEFAULT.stages}
    assert all(layers.values())  # every shipped stage stores its records
    with Store(tmp_path / "s.duckdb") as store:
        tables = {**layers, "actors": Actor, "clusters": Cluster, "duplicates": Duplicate, "documents": Document,
                  "rejects": Reject}
        for table, cls in tables.items():
            have = {r["column_name"] for r in store.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])}
            assert set(columns(cls)) <= have, (table, set(columns(cls)) - have)
        assert sorted(store.layer_tables()) == sorted(layers)
