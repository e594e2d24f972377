"""`storyline clean FILE`: plain text, HTML and gzipped HTML, as text or JSON."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

from storyline.cli import app

BODY = ("The river ferry between Ostrand and Kell will stop running on Sunday after the operator lost its licence, "
        "the transport ministry said, leaving about two thousand daily passengers without a crossing.")


def _clean(*args: str) -> str:
    """The standard output of `storyline clean ...` (which must succeed)."""
    result = CliRunner().invoke(app, ["clean", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_clean_text_file(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(f"- Advertisement -\nFerry to stop on Sunday\n{BODY}\n{BODY}\nSource link\n", encoding="utf-8")
    out = _clean(str(path))
    assert out.startswith("Ferry to stop on Sunday\n\n") and BODY in out
    assert "Advertisement" not in out and "Source link" not in out


def test_clean_html_and_gzipped_html(tmp_path: Path) -> None:
    page = (f"<html><head><title>Ferry to stop on Sunday</title></head><body><nav>Home | News</nav>"
            f"<article><h1>Ferry to stop on Sunday</h1><p>{BODY}</p><p>{BODY.upper()}</p></article></body></html>")
    (tmp_path / "ferry.html").write_text(page, encoding="utf-8")
    (tmp_path / "ferry.html.gz").write_bytes(gzip.compress(page.encode()))
    for name in ("ferry.html", "ferry.html.gz"):
        row = json.loads(_clean(str(tmp_path / name), "--format", "json"))
        assert row["title"] == "Ferry to stop on Sunday" and BODY in row["text"]
        assert "Home | News" not in row["text"] and row["language"] == "en"
    (tmp_path / "ferry-page.txt").write_text(page, encoding="utf-8")
    assert "<article>" not in _clean(str(tmp_path / "ferry-page.txt"), "--html")
