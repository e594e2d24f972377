"""Benchmark 'extract': article-body extraction on pages laid out like the scrapinghub
article-extraction-benchmark (ground-truth.json and html/<id>.html.gz), scored the same way:
word tokens, 4-token shingles, per-page precision and recall normalised per page, macro averages,
F1 from the averaged precision and recall. Plain trafilatura runs in the same call as the reference."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import mean

from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, LimitOption, check_data, emit, err, track

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str | None) -> list[str]:
    """Word tokens as the benchmark counts them."""
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles of a text (a shorter text is one shingle)."""
    toks = tokens(text)
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def page_counts(true: str | None, pred: str | None) -> tuple[float, float, float]:
    """True positives, false positives and false negatives over shingles, normalised to sum to 1."""
    t, p = shingles(true), shingles(pred)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    """Precision of one page (1 when nothing was wrong either way)."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    """Recall of one page (1 when nothing was wrong either way)."""
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Macro precision and recall over pages (pages with nothing predicted do not count for precision)."""
    prec = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rec = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = mean(prec) if prec else 0.0
    r = mean(rec) if rec else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def load_pages(data: Path) -> list[tuple[str, str, str | None, str]]:
    """(id, html, url, true body) for every page with a ground truth and an HTML file."""
    root = data if data.is_dir() else data.parent
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid, item in sorted(truth.items()):
        path = root / "html" / f"{pid}.html.gz"
        if not path.exists():
            path = root / "html" / f"{pid}.html"
            if not path.exists():
                continue
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        pages.append((pid, raw.decode("utf-8", errors="replace"), item.get("url"), item.get("articleBody", "")))
    return pages


def ours(html: str, url: str | None) -> str:
    """The article body as storyline's HTML cleaning extracts it."""
    from storyline.clean.html import extract_body

    return extract_body(html, url)


def plain_trafilatura(html: str, url: str | None) -> str:
    """The reference: default trafilatura.extract, as the benchmark runs it."""
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def measure(pages: list[tuple[str, str, str | None, str]], extractor: Callable[[str, str | None], str],
            label: str) -> dict[str, float]:
    """Scores of one extractor over the pages."""
    counts = [page_counts(true, extractor(html, url)) for _, html, url, true in track(pages, label)]
    return score(counts)


@app.command("extract")
def run(data: Path = DataOption, fmt: str = FormatOption, limit: int = LimitOption) -> None:
    """Article-body extraction: storyline's extractor beside plain trafilatura (4-token shingles, macro P/R/F1)."""
    pages = load_pages(check_data(data))
    if limit:
        pages = pages[:limit]
    err.print(f"{len(pages)} pages")
    mine = measure(pages, ours, "storyline")
    ref = measure(pages, plain_trafilatura, "trafilatura")
    figures = {**mine, "pages": len(pages), "trafilatura": ref}
    rows = [{"extractor": "storyline", **mine}, {"extractor": "trafilatura (default)", **ref}]
    emit(figures, fmt, "bench extract", rows,
         notes=["Data: scrapinghub article-extraction-benchmark (MIT); published: trafilatura 2.0 F1 0.958."])
