"""Benchmark 'speed': cleaning plus dedupe (no spaCy) in documents per second per core, beside spaCy's own
rate (nlp.pipe with storyline's model) on a sample of the same cleaned texts, on a folder laid out like
Timeline17 (<topic>/InputDocs/<date>/*.txt) or any folder of .txt files.

Rates are per core: documents over the CPU time this process spent (time.process_time), so other work on
a shared machine does not count against us; wall-clock rates are reported beside them."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from storyline.records import Document, Raw
from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, LimitOption, check_data, emit, err, track

SPACY_SAMPLE = 200  # spaCy is slow: a spread-out sample of this many documents is timed


def load_raws(data: Path, limit: int = 0) -> list[Raw]:
    """Every .txt under the folder (InputDocs folders when there are any), as Raw records, read up front."""
    files = sorted(p for p in data.rglob("*.txt") if "InputDocs" in p.parts) if data.is_dir() else [data]
    if not files and data.is_dir():
        files = sorted(data.rglob("*.txt"))
    if limit:
        files = files[:limit]
    return [Raw(id=p.relative_to(data).as_posix() if data.is_dir() else p.name, path=str(p), data=p.read_bytes(),
                kind="text") for p in files]


def clean_and_dedupe(raws: list[Raw]) -> tuple[list[Document], int, int, float, float]:
    """(documents, duplicates, rejects, CPU seconds, wall seconds) for cleaning and deduping every record."""
    from storyline.clean import clean
    from storyline.dedupe import Deduper

    deduper = Deduper()
    if raws:  # load models and compile patterns before the clock starts
        warm = clean(raws[0])
        if isinstance(warm, Document):
            Deduper().check(warm)
    docs: list[Document] = []
    dups = rejects = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for raw in track(raws, "clean + dedupe"):
        doc = clean(raw)
        if not isinstance(doc, Document):
            rejects += 1
            continue
        docs.append(doc)
        dups += deduper.check(doc) is not None
        deduper.signature(doc.id)
    return docs, dups, rejects, time.process_time() - cpu, time.perf_counter() - wall


def spacy_rate(docs: list[Document], sample: int) -> tuple[int, float, float]:
    """(documents parsed, CPU seconds, wall seconds) for nlp.pipe on a spread-out sample of the texts."""
    from storyline import nlp
    from storyline.settings import DEFAULT

    step = max(1, len(docs) // max(1, sample))
    texts = [d.text[: DEFAULT.nlp_max_chars] for d in docs[::step][:sample]]
    model = nlp.load(DEFAULT.spacy_model)
    model("warm up")
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in track(model.pipe(texts, batch_size=DEFAULT.nlp_batch_size), "spaCy", total=len(texts)):
        pass
    return len(texts), time.process_time() - cpu, time.perf_counter() - wall


def _rate(n: int, seconds: float) -> float:
    """Documents per second, rounded."""
    return round(n / seconds, 1) if seconds > 0 else 0.0


@app.command("speed")
def run(data: Path = DataOption, fmt: str = FormatOption, limit: int = LimitOption,
        spacy_sample: int = typer.Option(SPACY_SAMPLE, "--spacy-sample", min=0,
                                         help="How many documents spaCy is timed on.")) -> None:
    """Clean + dedupe documents per second per core (no spaCy), beside spaCy's rate on the same texts."""
    raws = load_raws(check_data(data), limit)
    err.print(f"{len(raws)} documents")
    docs, dups, rejects, cpu, wall = clean_and_dedupe(raws)
    n_spacy, s_cpu, s_wall = spacy_rate(docs, spacy_sample) if docs else (0, 0.0, 0.0)
    ours, theirs = _rate(len(raws), cpu), _rate(n_spacy, s_cpu)
    figures = {
        "documents": len(raws), "duplicates": dups, "rejects": rejects,
        "clean_dedupe_docs_per_s": ours, "clean_dedupe_docs_per_s_wall": _rate(len(raws), wall),
        "spacy_docs": n_spacy, "spacy_docs_per_s": theirs, "spacy_docs_per_s_wall": _rate(n_spacy, s_wall),
        "ratio": round(ours / theirs, 1) if theirs else None,
    }
    rows = [{"step": "clean + dedupe", "documents": len(raws), "docs/s per core": ours,
             "docs/s wall": figures["clean_dedupe_docs_per_s_wall"]},
            {"step": "spaCy nlp.pipe", "documents": n_spacy, "docs/s per core": theirs,
             "docs/s wall": figures["spacy_docs_per_s_wall"]}]
    emit(figures, fmt, "bench speed", rows, notes=["Per core: documents over this process's CPU time."])
