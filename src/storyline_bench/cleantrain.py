"""Training the plain-text cleaner's line classifier: `storyline bench train-clean --data ../shared/bench/zyte`.

The labels come from pages laid out like the scrapinghub article-extraction benchmark: each page is flattened
to its visible text (storyline_bench.flatten), and a line is content when its words are in the page's
article body (most of its 4-word shingles, or for a short line all its words in a row, inside the stretch
of the page the body covers). Only the 'tuning' sites (storyline_bench.clean.held_out) are read. Each page
is also shown with its blank lines removed and with one sentence a line, as other scrapers and corpora lay
text out. Two passes of gradient-boosted trees (scikit-learn) are trained: the first on the line features,
the second also on the first pass's answers for the line and its neighbours, taken out of fold. The trees
are written as plain numbers to storyline/data/chrome_model.json (clean/model.py reads them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import typer

from storyline.clean import model as line_model
from storyline.clean.lines import CONTEXT, FEATURES, context_features, line_features
from storyline.clean.text import Lines, read_lines
from storyline_bench import app
from storyline_bench.clean import held_out
from storyline_bench.extract import SHINGLE, load_pages, page_counts, score, tokens
from storyline_bench.flatten import visible_text
from storyline_bench.report import DataOption, check_data, err, track

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "storyline" / "data" / line_model.MODEL_FILE
FOLDS = 5
TREES = {"max_iter": 120, "learning_rate": 0.1, "max_leaf_nodes": 15, "max_depth": 6, "min_samples_leaf": 40,
         "l2_regularization": 1.0}
SEED = 13
CROP_MARGIN = 3  # lines kept around the article in the cropped layouts
CONTENT_SHARE = 0.5  # a line of SHINGLE words or more is content when this share of its shingles is in the body
_SENTENCE = re.compile(r"(?<=[a-z0-9][.!?]) (?=[\"“‘(]?[A-Z])|(?<=[a-z0-9][.!?][\"”’)]) (?=[\"“‘(]?[A-Z])")


@dataclass
class Sample:
    """One page shown one way: its lines, features, labels and weights."""

    page: str  # the page's id
    layout: str  # how its text is laid out (see `layouts`)
    text: str
    lines: Lines
    features: np.ndarray
    labels: np.ndarray
    weights: np.ndarray
    body: str


def labels(lines: list[str], body: str) -> np.ndarray:
    """1 for each line that belongs to the article body, else 0."""
    body_tokens = tokens(body)
    body_shingles = {tuple(body_tokens[i:i + SHINGLE]) for i in range(len(body_tokens) - SHINGLE + 1)}
    joined = f" {' '.join(body_tokens)} "
    out = np.zeros(len(lines))
    short = np.zeros(len(lines), dtype=bool)
    for k, line in enumerate(lines):
        toks = tokens(line)
        if len(toks) >= SHINGLE:
            grams = [tuple(toks[i:i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)]
            out[k] = sum(g in body_shingles for g in grams) / len(grams) >= CONTENT_SHARE
        elif toks:
            out[k] = f" {' '.join(toks)} " in joined
            short[k] = True
    long_content = np.flatnonzero(out * ~short)
    if len(long_content):  # short lines count only inside the stretch the body covers
        outside = (np.arange(len(lines)) < long_content[0]) | (np.arange(len(lines)) > long_content[-1])
        out[short & outside] = 0
    else:
        out[short] = 0
    return out


def weights(lines: list[str]) -> np.ndarray:
    """Each line's weight: its share of the page's words (as the score counts), so each page weighs the same."""
    w = np.array([len(tokens(x)) + 1.0 for x in lines])
    return w / w.sum() * len(lines) ** 0.5


def layouts(text: str) -> Iterator[tuple[str, str]]:
    """The page as flattened, without blank lines, and with one sentence a line."""
    yield "page", text
    lines = [x for x in text.split("\n") if x.strip()]
    yield "no blank lines", "\n".join(lines)
    yield "sentences", _sentences(lines)


def _sentences(lines: list[str]) -> str:
    """The lines with one sentence a line."""
    return "\n".join(s for x in lines for s in _SENTENCE.split(x))


def crop(text: str, lines: Lines, content: np.ndarray) -> str:
    """The page cut down to its article and CROP_MARGIN lines around it, as a reader view or a corpus gives it."""
    where = np.flatnonzero(content)
    if not len(where):
        return ""
    lo = lines.number[max(0, where[0] - CROP_MARGIN)] - 1
    hi = lines.number[min(len(lines.number) - 1, where[-1] + CROP_MARGIN)]
    return "\n".join(text.split("\n")[lo:hi])


def samples(data: Path) -> list[Sample]:
    """Every tuning page in every layout, with features and labels."""
    out = []
    pages = [p for p in load_pages(data) if not held_out(p[2], p[0])]
    for pid, page, _, body in track(pages, "features"):
        flat = visible_text(page)
        shown = list(layouts(flat))
        whole = read_lines(flat)
        cropped = crop(flat, whole, labels(whole.text, body))
        if cropped:
            shown += [("crop", cropped), ("crop sentences", _sentences([x for x in cropped.split("\n") if x.strip()]))]
        for layout, text in shown:
            lines = read_lines(text)
            if not lines.text:
                continue
            out.append(Sample(page=pid, layout=layout, text=text, lines=lines, features=line_features(lines.page()),
                              labels=labels(lines.text, body), weights=weights(lines.text), body=body))
    return out


def _fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> Any:
    """A gradient-boosted tree classifier fitted on the rows."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(**TREES, random_state=SEED).fit(x, y, sample_weight=w)


def _stack(items: list[Sample], which: str) -> np.ndarray:
    """One array of the samples' features, labels or weights."""
    return np.concatenate([getattr(s, which) for s in items])


def _folds(items: list[Sample]) -> list[int]:
    """A fold number per sample, the same for every layout of a page."""
    pages = sorted({s.page for s in items})
    fold = {p: k % FOLDS for k, p in enumerate(pages)}
    return [fold[s.page] for s in items]


def _second_rows(items: list[Sample], first: list[np.ndarray]) -> np.ndarray:
    """The second pass's features of every sample, given the first pass's probabilities."""
    return np.concatenate([context_features(s.features, p, s.lines.page()) for s, p in
                           zip(items, first, strict=True)])


def _out_of_fold(items: list[Sample]) -> tuple[list[np.ndarray], list[Any]]:
    """First-pass probabilities of each sample from trees that did not see its page, and each fold's trees."""
    fold = _folds(items)
    out: list[np.ndarray] = [np.zeros(0)] * len(items)
    models = []
    for k in range(FOLDS):
        train = [s for s, f in zip(items, fold, strict=True) if f != k]
        clf = _fit(_stack(train, "features"), _stack(train, "labels"), _stack(train, "weights"))
        models.append(clf)
        for i, s in enumerate(items):
            if fold[i] == k:
                out[i] = clf.predict_proba(s.features)[:, 1]
    return out, models


def cross_validated(items: list[Sample], thresholds: tuple[float, ...]) -> dict[float, dict[str, float]]:
    """Scores of the cleaning a .txt file gets (storyline_bench.clean.cleaned_text) on each fold's pages as
    flattened, with trees trained on the other folds, per threshold. (The second pass's training rows take
    first-pass answers out of fold over all pages: a small leak, for speed.)"""
    from storyline_bench.clean import cleaned_text

    fold = _folds(items)
    first_oof, firsts = _out_of_fold(items)
    rows = [context_features(s.features, p, s.lines.page()) for s, p in zip(items, first_oof, strict=True)]
    counts: dict[float, list[tuple[float, float, float]]] = {t: [] for t in thresholds}
    for k in track(range(FOLDS), "cross-validation"):
        train = [i for i, f in enumerate(fold) if f != k]
        second = _fit(np.concatenate([rows[i] for i in train]), np.concatenate([items[i].labels for i in train]),
                      np.concatenate([items[i].weights for i in train]))
        first_trees = line_model.Trees.from_json(_trees_json(firsts[k]))
        second_trees = line_model.Trees.from_json(_trees_json(second))
        for t in thresholds:
            fitted = line_model.LineModel(first=first_trees, second=second_trees, threshold=t, meta={})
            with line_model.using(fitted):
                for i, s in enumerate(items):
                    if fold[i] == k and s.layout == "page":  # each page scored once, as flattened
                        counts[t].append(page_counts(s.body, cleaned_text(s.text)))
    return {t: score(c) for t, c in counts.items()}


def _trees_json(clf: Any) -> dict[str, Any]:
    """A fitted HistGradientBoostingClassifier's trees as lists of numbers."""
    trees = []
    depth = 0
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        depth = max(depth, int(nodes["depth"].max()) + 1)
        trees.append({
            "feature": [int(v) for v in nodes["feature_idx"]],
            "threshold": [float(f"{v:.6g}") for v in nodes["num_threshold"]],
            "left": [int(v) for v in nodes["left"]], "right": [int(v) for v in nodes["right"]],
            "value": [float(f"{v:.6g}") for v in nodes["value"]], "leaf": [bool(v) for v in nodes["is_leaf"]],
        })
    return {"baseline": float(np.ravel(clf._baseline_prediction)[0]), "depth": depth, "trees": trees}


def train(items: list[Sample], threshold: float) -> dict[str, Any]:
    """The model file's content: both passes trained on every sample."""
    first_oof, _ = _out_of_fold(items)
    first = _fit(_stack(items, "features"), _stack(items, "labels"), _stack(items, "weights"))
    second = _fit(_second_rows(items, first_oof), _stack(items, "labels"), _stack(items, "weights"))
    return {"features": list(FEATURES), "context": list(CONTEXT), "threshold": threshold,
            "first": _trees_json(first), "second": _trees_json(second)}


@app.command("train-clean")
def run(data: Path = DataOption,
        out: Path = typer.Option(DEFAULT_OUT, help="Where to write the model (the package's file by default)."),
        threshold: float = typer.Option(0.6, help="Probability from which a line is content (chosen by cross-validation on the tuning sites)."),
        check: bool = typer.Option(True, help="Cross-validate on the tuning sites first and print the scores.")) -> None:
    """Train the plain-text cleaner's line classifier on the tuning sites of pages laid out like ../shared/bench/zyte."""
    items = samples(check_data(data))
    err.print(f"{len({s.page for s in items})} tuning pages, {sum(len(s.labels) for s in items)} lines")
    meta: dict[str, Any] = {"data": "tuning sites of " + data.name, "pages": len({s.page for s in items}),
                            "trees": TREES}
    if check:
        thresholds = (0.3, 0.4, 0.5, 0.6, 0.7)
        scores = cross_validated(items, thresholds)
        for t, s in scores.items():
            err.print(f"threshold {t}: {s}")
        meta["cross_validated"] = scores[threshold] if threshold in scores else None
    model = train(items, threshold)
    model["meta"] = meta
    out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    err.print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
