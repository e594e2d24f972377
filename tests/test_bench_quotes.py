"""`storyline bench quotes`: reading brat attributions, the gold filter, scoring, and a run on a few PolNeAR files."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import need_shared
from typer.testing import CliRunner

from storyline_bench.quotes import Article, Counts, in_scope, read_ann, read_folder

TEXT = 'Prices rose, the bank said. "We are worried," Smith said. Jones believes rates will fall.'
ANN = "\n".join([
    "T1\tContent 0 11\tPrices rose",
    "T2\tSource 13 21\tthe bank",
    "T3\tCue 22 26\tsaid",
    "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2",
    "T4\tContent 28 43\tWe are worried,",
    "T5\tSource 46 51\tSmith",
    "T6\tCue 52 56\tsaid",
    "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5",
    "T7\tSource 58 63\tJones",
    "T8\tCue 64 72\tbelieves",
    "T9\tContent 73 88\trates will fall",
    "E3\tAttribution:T8 Content:T9 Cue:T8 Source:T7",
])


def article() -> Article:
    """A tiny hand-annotated article."""
    return Article("a", TEXT, read_ann(ANN))


def test_read_ann_spans_and_filter():
    a = article()
    assert len(a.attributions) == 3
    assert [TEXT[s:e] for s, e in a.attributions[1].source] == ["Smith"]
    assert [in_scope(x, TEXT) for x in a.attributions] == [True, True, False]  # 'believes' is not speech


def test_discontinuous_brat_spans():
    got = read_ann("T1\tContent 0 6;12 18\tPrices rose\nT2\tCue 7 11\tsaid\nE1\tAttribution:T2 Content:T1 Cue:T2")
    assert got[0].content == [(0, 6), (12, 18)] and got[0].source == []


def test_counts_match_ignore_and_source():
    c = Counts()
    said, smith, jones = (0, 11), (46, 51), (58, 63)
    preds = [(said, (13, 21)),  # right content, right source
             ((29, 42), jones),  # right content, wrong source
             ((73, 88), jones),  # an attribution the filter leaves out: neither wanted nor wrong
             ((80, 84), None)]  # overlaps only out-of-scope gold too
    c.add(preds, article())
    f = c.figures()
    assert f["content_precision"] == 1.0 and f["content_recall"] == 1.0
    assert f["source_precision"] == 0.5 and f["source_recall"] == 0.5
    assert f["ignored"] == 2
    c2 = Counts()
    c2.add([((89, 90), smith)], article())
    assert c2.figures()["content_precision"] == 0.0 and c2.figures()["content_recall"] == 0.0


def test_bench_on_a_few_polnear_files():
    dev = need_shared("bench", "polnear", "dev")
    from storyline_bench.quotes import evaluate

    articles = read_folder(dev, limit=4)
    assert len(articles) == 4 and all(a.attributions for a in articles)
    figures, _ = evaluate(articles)
    for key in ("content_f1", "source_f1", "content_precision", "content_recall", "source_precision",
                "source_recall"):
        assert 0.0 <= figures[key] <= 1.0
    assert figures["content_f1"] >= 0.5 and figures["source_f1"] >= 0.5
    assert "textacy_content_f1" in figures or "textacy_error" in figures


def test_cli_prints_one_json_object(tmp_path: Path):
    dev = need_shared("bench", "polnear", "dev")
    from storyline.cli import app

    result = CliRunner().invoke(app, ["bench", "quotes", "--data", str(dev), "--limit", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["documents"] == 2 and "content_f1" in figures and "source_f1" in figures


def test_cli_rejects_a_folder_without_attributions(tmp_path: Path):
    from storyline.cli import app

    result = CliRunner().invoke(app, ["bench", "quotes", "--data", str(tmp_path), "--format", "json"])
    assert result.exit_code != 0
