"""`storyline build` from the command line: reject lines, the end-of-run summary, and the exit status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import Result
from conftest import EXAMPLES, ROOT
from test_ingest import ARTICLE, write
from typer.testing import CliRunner

from storyline.cli import app


def storyline(*args: str | Path) -> subprocess.CompletedProcess:
    """Run the installed `storyline` command."""
    exe = ROOT / ".venv" / "bin" / "storyline"
    cmd = [str(exe)] if exe.exists() else [shutil.which("storyline") or sys.executable]
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, timeout=600)


def test_nothing_ingested_exits_non_zero(tmp_path: Path) -> None:
    write(tmp_path / "bad", "empty.txt", b"")
    write(tmp_path / "bad", "blob.txt", b"\x00\x01\x02\x03" * 40)
    write(tmp_path / "bad", "sheet.xyz", b"a;b")
    run = storyline("build", tmp_path / "bad", "--db", tmp_path / "s.duckdb")
    assert run.returncode == 1, run.stderr
    assert "empty.txt: empty file" in run.stderr
    assert "blob.txt: binary file (NUL bytes), not text" in run.stderr
    assert "sheet.xyz: unsupported file type .xyz" in run.stderr
    assert "read 3, added 0" in run.stderr and "rejected 3" in run.stderr
    assert "nothing could be ingested" in run.stderr
    assert sum(line.startswith("rejected ") for line in run.stderr.splitlines()) == 3  # one line each


def cli(*args: str | Path) -> Result:
    """Run a storyline command in this process (the libraries load once for the whole test session)."""
    return CliRunner().invoke(app, [str(a) for a in args])


def test_some_ingested_exits_zero_and_reports_rejects(tmp_path: Path) -> None:
    corpus, db = tmp_path / "mixed", tmp_path / "s.duckdb"
    write(corpus, "good.txt", ARTICLE)
    write(corpus, "lines.jsonl", '{"text": 3}\n')
    run = cli("build", corpus, "--db", db)
    assert run.exit_code == 0, run.output
    assert "line 1: field 'text' is a number, expected a string" in run.stderr
    assert "read 2, added 1" in run.stderr and "rejected 1" in run.stderr
    again = cli("build", corpus / "good.txt", "--db", db)  # nothing new, but the store holds it: a success
    assert again.exit_code == 0, again.output
    assert "added 0, unchanged 1" in again.stderr
    listed = cli("rejects", "--db", db, "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert [r["reason"] for r in json.loads(listed.stdout)] == ["line 1: field 'text' is a number, expected a string"]


def test_example_corpus_builds_with_its_duplicate_linked(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    run = cli("build", EXAMPLES, "--db", db)
    assert run.exit_code == 0, run.output
    assert "read 11, added 11" in run.stderr and "duplicates 1" in run.stderr and "rejected 0" in run.stderr
    docs = cli("docs", "--db", db, "--format", "json")
    assert docs.exit_code == 0, docs.output
    by_id = {d["id"]: d for d in json.loads(docs.stdout)}
    assert len(by_id) == 11
    assert by_id["newsroundup/china-us-trade-framework-agreed.txt"]["duplicate_of"] == (
        "globalwire/2026-03-11-framework-deal.txt")
    assert sum(d["duplicate_of"] is not None for d in by_id.values()) == 1


def test_reading_a_store_imports_neither_spacy_nor_scikit_learn() -> None:
    """The read commands start fast: the library API they call loads spaCy and scikit-learn only to build."""
    code = ("import sys, storyline.api, storyline.cli, storyline.validate; storyline.validate.category('agree'); "
            "print(sorted(m for m in ('spacy', 'sklearn', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
