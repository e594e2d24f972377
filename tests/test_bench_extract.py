"""bench extract (scored like the scrapinghub article-extraction benchmark), on small data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import need_shared
from typer.testing import CliRunner

from storyline.cli import app
from storyline_bench.extract import page_counts, score, shingles


def _run(*args: str) -> dict:
    """Run a storyline command and parse the one JSON object it prints."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_scoring_like_the_benchmark() -> None:
    text = "one two three four five six"
    assert len(shingles(text)) == 3 and shingles("a b") == {("a", "b"): 1}
    assert page_counts(text, text) == (1.0, 0.0, 0.0)
    assert score([page_counts(text, text)]) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    half = page_counts("one two three four five six", "one two three four nine ten")
    assert half[0] == 1 / 5 and half[1] == 2 / 5 and half[2] == 2 / 5
    missed = page_counts(text, "")
    assert missed == (0.0, 0.0, 1.0)
    figures = score([page_counts(text, text), missed])  # a page with nothing predicted counts for recall only
    assert figures["precision"] == 1.0 and figures["recall"] == 0.5


def zyte_pages(folder: Path, n: int) -> Path:
    """The first n pages of ../shared/bench/zyte and their ground truth, laid out the same way in `folder`."""
    zyte = need_shared("bench", "zyte")
    truth = json.loads((zyte / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:n]
    (folder / "html").mkdir()
    for pid in ids:
        shutil.copy(zyte / "html" / f"{pid}.html.gz", folder / "html" / f"{pid}.html.gz")
    (folder / "ground-truth.json").write_text(json.dumps({k: truth[k] for k in ids}), encoding="utf-8")
    return folder


def test_bench_extract_on_five_pages(tmp_path: Path) -> None:
    zyte_pages(tmp_path, 5)
    figures = _run("bench", "extract", "--data", str(tmp_path), "--format", "json")
    assert figures["pages"] == 5
    for result in (figures, figures["trafilatura"]):
        assert set(result) >= {"precision", "recall", "f1"}
        assert all(0.0 <= result[k] <= 1.0 for k in ("precision", "recall", "f1"))
    assert figures["f1"] > 0.8  # these five pages are ordinary news articles
