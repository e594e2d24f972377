"""The same-event similarity bench on a small subset of SemEval-2022 Task 8, and its reader."""

from __future__ import annotations

import csv
import json

from conftest import need_shared
from typer.testing import CliRunner

from storyline_bench import app
from storyline_bench.similarity import pearson, read_pairs


def _subset(tmp_path, n_en: int = 16):
    """A CSV with n_en English pairs spread over the gold scale, two foreign pairs and one English pair
    without a text."""
    src = need_shared("bench", "semeval8", "training_set.csv")
    csv.field_size_limit(10**9)
    with src.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    en = sorted((r for r in rows if r["lang1"] == r["lang2"] == "en"), key=lambda r: float(r["Overall"]))
    step = max(1, len(en) // n_en)
    picked = en[::step][:n_en]
    foreign = [r for r in rows if r["lang1"] != "en"][:2]
    broken = dict(en[1], text2="", pair_id="broken")
    out = tmp_path / "pairs.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(picked + foreign + [broken])
    return out, len(picked)


def test_reader_keeps_english_pairs_with_texts(tmp_path):
    path, n = _subset(tmp_path)
    pairs = read_pairs(path)
    assert len(pairs) == n
    assert all(p["lang1"] == p["lang2"] == "en" and p["text1"] and p["text2"] for p in pairs)


def test_pearson():
    import numpy as np

    assert pearson(np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.5])) > 0.99
    assert pearson(np.array([1.0, 1.0]), np.array([1.0, 2.0])) == 0.0


def test_bench_similarity_small(tmp_path):
    path, n = _subset(tmp_path)
    res = CliRunner().invoke(app, ["similarity", "--data", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["pairs"] == n
    assert -1.0 <= out["pearson_tfidf"] <= 1.0
    # same-event similarity must agree with the gold on pairs spread from 'very similar' to 'very dissimilar'
    assert out["pearson"] > 0.3
