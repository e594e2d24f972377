"""Dedupe: exact and near copies linked to their canonical, nothing dropped, incremental over builds."""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
from conftest import EXAMPLES
from datasketch import MinHash
from test_ingest import write

from storyline.clean import clean
from storyline.dedupe import SCHEME, SEED, Deduper, shingles
from storyline.ingest.readers import read_file
from storyline.pipeline import BuildReport, ingest_all
from storyline.records import Document, Raw
from storyline.settings import DEFAULT
from storyline.store import Store

DEAL = EXAMPLES / "globalwire" / "2026-03-11-framework-deal.txt"
COPY = EXAMPLES / "newsroundup" / "china-us-trade-framework-agreed.txt"
OTHER_TELLINGS = [EXAMPLES / "lakeside-times" / "geneva-deal-batteries-minerals.htm",
                  EXAMPLES / "dailyledger" / "white-house-welcomes-geneva-framework.html"]


def document(path: Path, doc_id: str | None = None) -> Document:
    """A file read and cleaned the way a build does it."""
    (raw,) = list(read_file(path, doc_id or path.name))
    assert isinstance(raw, Raw)
    doc = clean(raw)
    assert isinstance(doc, Document)
    return doc


def doc(doc_id: str, text: str) -> Document:
    """A document made directly from a clean text."""
    from storyline.clean.core import content_hash

    return Document(id=doc_id, path=doc_id, kind="text", raw=text.encode(), text=text,
                    content_hash=content_hash(text))


def body(path: Path) -> list[str]:
    """The article paragraphs of an example text file (lines between the headline and the tags)."""
    lines = [ln.strip() for ln in path.read_text().splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Geneva, March"))
    return [ln for ln in lines[start:] if not ln.startswith(("- Advertisement", "Tags:", "Source link", "Read more"))]


def test_exact_copy_is_linked_with_similarity_one() -> None:
    d = Deduper()
    text = " ".join(body(DEAL))
    assert d.check(doc("a", text)) is None
    dup = d.check(doc("b", text.upper().replace(",", " ,")))  # case and punctuation are normalized away
    assert (dup.id, dup.canonical, dup.kind, dup.similarity) == ("b", "a", "exact", 1.0)
    assert d.signature("a") is not None and d.signature("b") is None  # only canonicals are indexed


def test_near_copy_from_the_examples_is_linked_to_its_canonical() -> None:
    d = Deduper()
    assert d.check(document(DEAL, "deal")) is None
    dup = d.check(document(COPY, "copy"))
    assert dup is not None and (dup.canonical, dup.kind) == ("deal", "near")
    assert DEFAULT.minhash_threshold <= dup.similarity < 1.0


def test_same_article_under_different_chrome(tmp_path: Path) -> None:
    paragraphs = body(EXAMPLES / "globalwire" / "2026-03-09-second-round-opens.txt")
    site_a = ("Morning Post | Your daily briefing\nMonday, March 9, 2026\n\nSecond round of talks opens\n\n"
              + "\n\n".join(paragraphs[:3]) + "\n\n- Advertisement -\n\n" + "\n\n".join(paragraphs[3:])
              + "\n\nRead more: Markets today\nSource link\n")
    site_b = ("[ad_1]\nWe use cookies. Accept | Settings\nTRADE TALKS: SECOND ROUND OPENS IN GENEVA\n"
              + "\n".join(paragraphs) + "\n[ad_2]\nLatest articles\nFlooding in the north\nNew phone launched\n"
              "Leave a Reply Cancel reply\nPhoto: Wire / Pool\n")
    d = Deduper()
    assert d.check(document(write(tmp_path, "a.txt", site_a))) is None
    dup = d.check(document(write(tmp_path, "b.txt", site_b)))
    # the cleaner removes both sites' chrome, so the copy is found whether the clean texts end up equal or close
    assert dup is not None and dup.canonical == "a.txt" and dup.kind in ("exact", "near")
    assert dup.similarity >= DEFAULT.minhash_threshold


def test_different_tellings_of_one_story_are_not_duplicates() -> None:
    d = Deduper()
    assert d.check(document(DEAL, "deal")) is None
    for path in OTHER_TELLINGS:
        assert d.check(document(path)) is None, path
    for line in (EXAMPLES / "capital-briefs.jsonl").read_text().splitlines():
        assert d.check(doc(line[:30], line)) is None


def test_signatures_match_datasketch_and_estimate_jaccard() -> None:
    rng = random.Random(3)
    words = " ".join(body(DEAL)).split()
    edited = [w if rng.random() > 0.05 else "changed" for w in words]
    d = Deduper()
    a, b = d.minhash(" ".join(words)), d.minhash(" ".join(edited))
    reference = MinHash(num_perm=DEFAULT.minhash_perm, seed=SEED, hashfunc=int, scheme=SCHEME)
    reference.update_batch(shingles(" ".join(words), DEFAULT.shingle_size))
    assert np.array_equal(reference.hashvalues, a)  # bit for bit datasketch's affine32 MinHash
    sa, sb = (set(shingles(" ".join(w), DEFAULT.shingle_size).tolist()) for w in (words, edited))
    true_jaccard = len(sa & sb) / len(sa | sb)
    assert abs(d.similarity(a, b) - true_jaccard) < 0.15


def test_empty_and_tiny_texts() -> None:
    d = Deduper()
    assert d.check(doc("blank", "... !!! ...")) is None and d.signature("blank") is None
    assert d.check(doc("tiny", "Talks resumed.")) is None and d.signature("tiny") is not None
    assert d.check(doc("tiny2", "Talks resumed again.")) is None  # too little text to call it a copy


def test_a_changed_document_is_checked_again_without_linking_to_itself() -> None:
    d = Deduper()
    text = " ".join(body(DEAL))
    assert d.check(doc("a", text)) is None
    assert d.check(doc("a", text + " A correction was appended later.")) is None
    assert list(d.signatures) == ["a"]
    dup = d.check(doc("b", text))  # the old text is no longer 'a', so this is no exact copy of it
    assert dup is not None and (dup.canonical, dup.kind) == ("a", "near")


def build_once(corpus: Path, db: Path) -> BuildReport:
    """Ingest (read, clean, dedupe) a corpus into a store."""
    report = BuildReport()
    with Store(db) as store:
        ingest_all([corpus], store, DEFAULT, report, lambda *a: None)
    return report


def test_incremental_and_idempotent_builds(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "s.duckdb"
    write(corpus, "deal.txt", DEAL.read_bytes())
    for path in OTHER_TELLINGS:
        write(corpus, path.name, path.read_bytes())
    first = build_once(corpus, db)
    assert (first.added, first.duplicates) == (3, 0)
    with Store(db) as store:
        stored = dict(store.minhashes())
        assert set(stored) == {"deal.txt", *(p.name for p in OTHER_TELLINGS)}
    write(corpus, "copy.txt", COPY.read_bytes())
    write(corpus, "copy-again.txt", COPY.read_bytes())
    second = build_once(corpus, db)
    assert (second.added, second.unchanged, second.duplicates) == (2, 3, 2)
    with Store(db) as store:
        links = store.duplicates()
        assert (links["copy.txt"].canonical, links["copy.txt"].kind) == ("deal.txt", "near")
        assert (links["copy-again.txt"].canonical, links["copy-again.txt"].kind) == ("deal.txt", "near")
        assert dict(store.minhashes()) == stored  # old signatures kept as they were, copies get none
        assert store.count("documents") == 5  # copies stay in documents
        counts = {t: store.count(t) for t in ("documents", "duplicates", "minhashes", "rejects")}
    third = build_once(corpus, db)
    assert (third.added, third.unchanged, third.duplicates) == (0, 5, 0)
    with Store(db) as store:
        assert {t: store.count(t) for t in counts} == counts


def test_deduper_built_from_the_store_does_not_recompute_old_documents(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "s.duckdb"
    write(corpus, "deal.txt", DEAL.read_bytes())
    build_once(corpus, db)
    with Store(db) as store:
        d = Deduper(DEFAULT, store.content_hashes(), store.minhashes())
    assert list(d.signatures) == ["deal.txt"] and not d.fresh
    dup = d.check(document(COPY, "copy.txt"))
    assert dup is not None and dup.canonical == "deal.txt"
    assert not d.fresh  # only the new document was hashed, and as a copy it keeps no signature


def test_dedupe_is_fast() -> None:
    rng = random.Random(5)
    vocabulary = " ".join(p.read_text() for p in EXAMPLES.rglob("*.txt")).split()
    texts = [" ".join(rng.choices(vocabulary, k=700)) for _ in range(300)]
    docs = [doc(f"d{i}", t) for i, t in enumerate(texts)]
    d = Deduper()
    start = time.process_time()
    for x in docs:
        d.check(x)
        d.signature(x.id)
    rate = len(docs) / max(time.process_time() - start, 1e-9)
    assert rate >= 200, f"{rate:.0f} documents per CPU second"


def test_the_same_article_as_a_web_page_and_as_text(tmp_path: Path) -> None:
    text_version = EXAMPLES / "globalwire" / "2026-03-09-second-round-opens.txt"
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body(text_version))
    html_version = (
        "<!DOCTYPE html><html><head><title>Second round opens | Morning Post</title></head><body>"
        "<div class='cookies'>We use cookies to personalise ads. <button>Accept</button></div>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/markets'>Markets</a></nav>"
        f"<article><h1>Second round of China-US trade talks opens in Geneva</h1>{paragraphs}</article>"
        "<aside><h2>Latest articles</h2><ul><li><a href='/1'>Markets rise</a></li>"
        "<li><a href='/2'>Storm warning</a></li></ul></aside><footer>&copy; 2026 Morning Post</footer>"
        "</body></html>")
    d = Deduper()
    assert d.check(document(text_version, "wire.txt")) is None
    dup = d.check(document(write(tmp_path, "post.html", html_version)))
    assert dup is not None and dup.canonical == "wire.txt" and dup.kind in ("exact", "near")
    assert dup.similarity >= DEFAULT.minhash_threshold
