"""docs/commands.md is what the commands print: scripts/commands_doc.py generates the page from real runs on
examples/, and this test runs them again in a new folder and compares, line for line."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    """scripts/commands_doc.py as a module."""
    spec = importlib.util.spec_from_file_location("commands_doc", ROOT / "scripts" / "commands_doc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_progress_lines_are_left_out_and_nothing_else() -> None:
    progress = _script().PROGRESS
    for line in ("ingest: 2, 0.4/s", "ingest: 11 in 5s (2.1/s)", "analyse: 1/10 (10%), 0.2/s, about 59s left",
                 "cluster: 3 in 2m 05s (0.0/s)", "parse: 1,200/3,000 (40%), 1,234/s, about 1h 05m left"):
        assert progress.match(line), line
    for line in ("read 11, added 11, unchanged 0, duplicates 1, analysed 10, rejected 0",
                 "rejected examples/x.txt: not text", "wrote out/timeline.json", "timeline: 3 days"):
        assert not progress.match(line), line


def test_commands_doc_shows_what_the_commands_print() -> None:
    page = _script().render()
    written = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    if page != written:
        diff = difflib.unified_diff(written.splitlines(), page.splitlines(), "docs/commands.md", "the commands now",
                                    lineterm="", n=1)
        raise AssertionError("docs/commands.md is not what the commands print; regenerate it with "
                             "`.venv/bin/python scripts/commands_doc.py`:\n" + "\n".join(list(diff)[:60]))
