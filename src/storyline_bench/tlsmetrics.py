"""Timeline summarization metrics as tilse computes them, with ROUGE-1.5.5's counting reimplemented in Python.

ROUGE is run the way tilse runs it: `-n 2 -x -f A -m -s -t 2` (bigrams at most, stemming, stop words removed,
raw counts). A summary is its sentences joined; everything but ASCII letters, digits and '-' becomes a space,
'-' is split off; tokens that are stop words or do not start with a letter or digit are dropped; tokens longer
than three characters go through WordNet's irregular forms, else the Porter stemmer.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from storyline.cluster.terms import porter

Timeline = Mapping[dt.date, Sequence[str]]  # date -> summary sentences (tokens separated by spaces)
MEASURES = ("rouge_1", "rouge_2")

_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NON_WORD = re.compile(r"[^A-Za-z0-9\-]")
_KEEP = re.compile(r"^[a-z0-9$]")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """ROUGE-1.5.5's stop-word list."""
    text = resources.files("storyline_bench.data").joinpath("rouge_stopwords.txt").read_text("utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, str]:
    """WordNet's irregular forms as ROUGE-1.5.5 uses them."""
    text = resources.files("storyline_bench.data").joinpath("rouge_exceptions.tsv").read_text("utf-8")
    rows = (line.split("\t", 1) for line in text.split("\n") if line and not line.startswith("#"))
    return {k: v for k, v in rows}


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """ROUGE-1.5.5's stem: an irregular form's base, else the Porter stem."""
    return _exceptions().get(word) or porter(word)


def rouge_tokens(sentences: Sequence[str]) -> list[str]:
    """The tokens ROUGE-1.5.5 counts for a summary made of these sentences."""
    text = " ".join(s.split("<", 1)[0].translate(_LOWER) for s in sentences)
    text = _NON_WORD.sub(" ", text.replace("-", " - "))
    stop = _stopwords()
    out = []
    for w in text.split():
        if w in stop or not _KEEP.match(w):
            continue
        out.append(_stem(w) if len(w) > 3 else w)
    return out


def ngrams(tokens: Sequence[str], n: int) -> Counter:
    """The n-gram counts of a token list."""
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass
class Counts:
    """ROUGE raw counts: hits, n-grams in the peer (precision denominator) and in the models (recall)."""

    hit: float = 0.0
    peer: int = 0
    model: int = 0


def rouge_counts(peer: Sequence[str], models: Sequence[Sequence[str]]) -> dict[str, Counts]:
    """ROUGE-1 and ROUGE-2 raw counts of a peer summary against model summaries (scoring formula A)."""
    ptoks = rouge_tokens(peer)
    out = {}
    for n, measure in ((1, "rouge_1"), (2, "rouge_2")):
        pg = ngrams(ptoks, n)
        c = Counts()
        for model in models:
            mg = ngrams(rouge_tokens(model), n)
            c.hit += sum(min(v, pg[g]) for g, v in mg.items() if g in pg)
            c.model += sum(mg.values())
            c.peer += sum(pg.values())
        out[measure] = c
    return out


def f_score(p: float, r: float) -> float:
    """F1 of a precision and a recall (0 when both are 0)."""
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _prf(hit_p: float, den_p: float, hit_r: float, den_r: float) -> dict[str, float]:
    """Precision, recall and F1 from numerators and denominators (0 where a denominator is 0)."""
    p = hit_p / den_p if den_p else 0.0
    r = hit_r / den_r if den_r else 0.0
    return {"precision": p, "recall": r, "f_score": f_score(p, r)}


def _ref_summaries(refs: Sequence[Timeline], d: dt.date) -> list[list[str]]:
    """The reference summaries of one date, one per reference timeline (empty where it has none)."""
    return [list(r.get(d, [])) for r in refs]


def concat(pred: Timeline, refs: Sequence[Timeline]) -> dict[str, dict[str, float]]:
    """'concat' ROUGE: all daily summaries of each timeline concatenated."""
    peer = [s for d in sorted(pred) for s in pred[d]]
    models = [[s for d in sorted(r) for s in r[d]] for r in refs]
    c = rouge_counts(peer, models)
    return {m: _prf(c[m].hit, c[m].peer, c[m].hit, c[m].model) for m in MEASURES}


def agreement(pred: Timeline, refs: Sequence[Timeline]) -> dict[str, dict[str, float]]:
    """'agreement' ROUGE: daily summaries compared on the dates both timelines have."""
    ref_dates = {d for r in refs for d in r}
    num = {m: [0.0, 0.0, 0.0, 0.0] for m in MEASURES}  # hit_p, den_p, hit_r, den_r
    for d in set(pred) | ref_dates:
        c = rouge_counts(list(pred.get(d, [])), _ref_summaries(refs, d))
        for m in MEASURES:
            if d in pred:
                num[m][0] += c[m].hit
                num[m][1] += c[m].peer
            if d in ref_dates:
                num[m][2] += c[m].hit
                num[m][3] += c[m].model
    return {m: _prf(*num[m]) for m in MEASURES}


def rouge_approximation(summary: Sequence[str], refs: Sequence[Sequence[str]]) -> float:
    """tilse's quick ROUGE-1 F1 approximation, used to weigh content in the alignment costs."""
    pred = Counter(k for s in summary for k in s.split() if k not in string.punctuation)
    ref_counts = [Counter(k for s in r for k in s.split() if k not in string.punctuation) for r in refs]
    match = sum(min(pred[t], rc[t]) for t in pred for rc in ref_counts)
    p_den = len(ref_counts) * sum(pred.values())
    r_den = sum(sum(rc.values()) for rc in ref_counts)
    return f_score(match / p_den if p_den else 0.0, match / r_den if r_den else 0.0)


def _date_factor(a: dt.date, b: dt.date) -> float:
    """1 / (days apart + 1)."""
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def _costs(src: list[dt.date], tgt: list[dt.date], pred: Timeline, refs: Sequence[Timeline],
           pred_is_src: bool) -> np.ndarray:
    """Alignment costs from date distance times content mismatch (align+)."""
    out = np.zeros((len(src), len(tgt)))
    for i, s in enumerate(src):
        for j, t in enumerate(tgt):
            dp, dr = (s, t) if pred_is_src else (t, s)
            content = 1 - rouge_approximation(list(pred.get(dp, [])), _ref_summaries(refs, dr))
            out[i, j] = (1 - _date_factor(s, t)) * content
    return out


def _aligned(src: list[dt.date], tgt: list[dt.date], pred: Timeline, refs: Sequence[Timeline],
             pred_is_src: bool) -> dict[str, list[float]]:
    """Each date of one side aligned to its cheapest date of the other: per measure, the hits weighted by date
    distance and the n-grams of that side (the system's for precision, the references' for recall)."""
    costs = _costs(src, tgt, pred, refs, pred_is_src)
    out = {m: [0.0, 0.0] for m in MEASURES}
    for i, s in enumerate(src):
        t = tgt[int(costs[i].argmin())]
        dp, dr = (s, t) if pred_is_src else (t, s)
        c = rouge_counts(list(pred[dp]), _ref_summaries(refs, dr))
        for m in MEASURES:
            out[m][0] += _date_factor(dp, dr) * c[m].hit
            out[m][1] += c[m].peer if pred_is_src else c[m].model
    return out


def align_m1(pred: Timeline, refs: Sequence[Timeline]) -> dict[str, dict[str, float]]:
    """'align+ m:1' ROUGE: each date aligned to its cheapest counterpart, scores weighted by date distance."""
    pred_dates = sorted(pred)
    ref_dates = sorted({d for r in refs for d in r})
    num = {m: [0.0, 0.0, 0.0, 0.0] for m in MEASURES}
    if pred_dates and ref_dates:
        prec = _aligned(pred_dates, ref_dates, pred, refs, True)
        rec = _aligned(ref_dates, pred_dates, pred, refs, False)
        num = {m: prec[m] + rec[m] for m in MEASURES}
    else:
        for dp in pred_dates:
            c = rouge_counts(list(pred[dp]), [[] for _ in refs])
            for m in MEASURES:
                num[m][1] += c[m].peer
        for dr in ref_dates:
            c = rouge_counts([], _ref_summaries(refs, dr))
            for m in MEASURES:
                num[m][3] += c[m].model
    return {m: _prf(*num[m]) for m in MEASURES}


def date_prf(pred: Timeline, refs: Sequence[Timeline]) -> dict[str, float]:
    """Date selection precision, recall and F1 (news-tls's evaluate_dates)."""
    p, r = set(pred), {d for ref in refs for d in ref}
    shared = len(p & r)
    prec = shared / len(p) if p else 0.0
    rec = shared / len(r) if r else 0.0
    return {"precision": prec, "recall": rec, "f_score": f_score(prec, rec)}


def average(results: Sequence[dict[str, float]]) -> dict[str, float]:
    """news-tls's average over timelines: mean precision and mean recall, then their F1."""
    if not results:
        return {"precision": 0.0, "recall": 0.0, "f_score": 0.0}
    p = sum(r["precision"] for r in results) / len(results)
    r = sum(r["recall"] for r in results) / len(results)
    return {"precision": p, "recall": r, "f_score": f_score(p, r)}
