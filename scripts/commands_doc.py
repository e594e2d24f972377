"""Write docs/commands.md: every storyline command run on the example corpus, with its real output.

Run from the project root with storyline installed:  .venv/bin/python scripts/commands_doc.py
tests/test_commands_doc.py runs the commands again and fails when the page is not what they print.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "storyline"
MAX_LINES = 40
LOADER = re.compile(r"it/s\]|Loading weights")  # progress bars a model loader draws: timings, not output
# the progress lines storyline.progress writes on standard error when it is no terminal (in a terminal they are
# bars that vanish): 'analyse: 1/10 (10%), 0.2/s, about 59s left', 'ingest: 11 in 5s (2.1/s)'
PROGRESS = re.compile(r"^[\w .-]+: [\d,]+(?:/[\d,]+)?(?: \(\d+%\))?"
                      r"(?:, [\d.,]+/s(?:, about .+ left)?| in \d+[smh](?: \d+[smh])? \([\d.,]+/s\))$")

INTRO = """# Commands

Every command, run on the project's example corpus (`examples/`), with its real output (long outputs are
cut after {n} lines). Regenerate this page with `.venv/bin/python scripts/commands_doc.py`.
"""


def run(cmd: str, cwd: Path) -> str:
    """A command's standard output and error as a user at a terminal sees them once it ends (no progress)."""
    env = {**os.environ, "COLUMNS": "110", "TERM": "dumb", "NO_COLOR": "1"}
    p = subprocess.run(shlex.split(cmd.replace("storyline ", f"{BIN} ", 1)), cwd=cwd, capture_output=True,
                       text=True, env=env, timeout=1800)
    errors = [line for line in p.stderr.splitlines() if not (PROGRESS.match(line) or LOADER.search(line))]
    out = "\n".join(part for part in (p.stdout.rstrip("\n"), "\n".join(errors)) if part)
    out = out.rstrip().replace(str(cwd), "<work>")  # the folder the commands ran in: a new one each time
    lines = out.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES] + [f"... ({len(lines) - MAX_LINES} more lines)"]
    return "\n".join(lines) + (f"\n(exit status {p.returncode})" if p.returncode else "")


def render() -> str:
    """The page: every command run in a fresh folder beside the examples."""
    work = Path(tempfile.mkdtemp())
    try:
        return _render(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _render(work: Path) -> str:
    """The page, with the commands run in `work`."""
    (work / "examples").symlink_to(ROOT / "examples")
    page = (ROOT / "examples" / "globalwire" / "2026-03-02-geneva-talks-open.txt").relative_to(ROOT)
    doc_id = "globalwire/2026-03-02-geneva-talks-open.txt"
    commands = [
        ("The commands", "storyline --help"),
        ("Build a store from a folder (re-running it is idempotent)", "storyline build examples --db story.duckdb"),
        ("Build again: nothing changes", "storyline build examples --db story.duckdb"),
        ("Pin a document's date", f"storyline build examples --db story.duckdb --date {doc_id}=2026-03-02"),
        ("Documents", "storyline docs --db story.duckdb"),
        ("Documents as JSON", "storyline docs --db story.duckdb --format json"),
        ("Inputs that could not be used", "storyline rejects --db story.duckdb"),
        ("The cleaned text of one file", f"storyline clean {page}"),
        ("The storyline: the days that matter, who did what to whom", "storyline timeline --db story.duckdb"),
        ("A storyline of three days, two sentences a day from distinct reports",
         "storyline timeline --db story.duckdb --dates 3 --sentences 2"),
        ("The storyline for a query", "storyline timeline --db story.duckdb --actor China --format json"),
        ("The full event log: every event, background facts marked", "storyline timeline --db story.duckdb --all"),
        ("Events", "storyline events --db story.duckdb"),
        ("Quotes", "storyline quotes --db story.duckdb"),
        ("Actors", "storyline actors --db story.duckdb"),
        ("Export for TimelineJS", "storyline export timelinejs --db story.duckdb -o out"),
        ("Export the actor network", "storyline export graphml --db story.duckdb -o out"),
        ("Export PLOVER JSON lines", "storyline export plover --db story.duckdb -o out/events.jsonl"),
        ("Export tables as Parquet", "storyline export parquet --db story.duckdb -o out"),
        ("The web app (runs until stopped)", None),
        ("Every setting a build would use (defaults, ./storyline.toml or --config FILE, then --set)",
         "storyline config --set event_coder=rules"),
        ("Benchmarks: help", "storyline bench --help"),
    ]
    parts = [INTRO.format(n=MAX_LINES)]
    for title, cmd in commands:
        parts.append(f"## {title}\n")
        if cmd is None:
            parts.append("```\n$ storyline serve --db story.duckdb --port 8000\nstoryline on http://127.0.0.1:8000/ "
                         "(Ctrl+C to stop)\n```\n")
            continue
        print(cmd, file=sys.stderr)
        parts.append(f"```\n$ {cmd}\n{run(cmd, work)}\n```\n")
    return "\n".join(parts)


def main() -> None:
    (ROOT / "docs" / "commands.md").write_text(render(), encoding="utf-8")


if __name__ == "__main__":
    main()
