"""The figures stage (docs/extending.md's worked example): amounts found in real parses, stored in their own table
with their sentence and offsets, and forgotten with their document."""

from __future__ import annotations

from pathlib import Path

from storyline import nlp
from storyline.pipeline import build
from storyline.records import Document
from storyline.settings import DEFAULT
from storyline.stages import annotate
from storyline.store import Store

ROOT = Path(__file__).resolve().parent.parent


def test_figures_are_found_with_their_sentence_and_offsets() -> None:
    text = ("Washington raised the tariff to 45 percent. The deal covers $2 billion of batteries. "
            "Beijing will ship 3,000 tonnes of gallium.")
    doc = Document(id="d", path="d.txt", kind="text", raw=b"", text=text)
    annotated, fails = annotate(doc, nlp.load()(text), DEFAULT)
    assert not fails
    figures = annotated.layer("figures")
    assert [(f.text, f.kind, f.sentence) for f in figures] == [
        ("45 percent", "percent", 0), ("$2 billion", "money", 1), ("3,000 tonnes", "quantity", 2)]
    assert all(text[f.start:f.end] == f.text and f.doc == "d" for f in figures)
    assert [f.index for f in figures] == [0, 1, 2]


def test_a_build_stores_the_figures_and_forgets_them_with_their_document(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        build([ROOT / "examples"], store)
        rows = store.rows("SELECT f.doc, f.text, f.kind, f.start, f.\"end\", d.text AS body FROM figures f "
                          "JOIN documents d ON d.id = f.doc")
        assert any(r["kind"] == "percent" and r["text"] == "45 percent" for r in rows)
        assert all(r["body"][r["start"]:r["end"]] == r["text"] for r in rows)
        doc = rows[0]["doc"]
        store.forget_analysis([doc])
        assert store.scalar("SELECT count(*) FROM figures WHERE doc = ?", [doc]) == 0
