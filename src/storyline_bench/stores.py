"""Stores that benchmarks build the way a user does: `storyline build` run as a command on the articles, each
with the publication date its layout gives, cached by the hash of the articles and of the build's code (a
rerun on the same data and code reads the store it built before).

Layouts: a Timeline17-style folder (<source>/InputDocs/<YYYY-MM-DD>/<file>: the folder is the publication date)
is written as one JSON-lines file with `id`, `text`, `published` and `source`, the input format the product reads;
a .jsonl file is built as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import storyline
from storyline_bench.report import err

READ_SIDE = ("timeline", "web", "export", "api.py")  # code a build does not run: changing it keeps cached stores


@dataclass
class Built:
    """A store built from some articles, and what building it cost."""

    path: Path
    articles: int
    seconds: float  # wall time of `storyline build`
    peak_mb: float  # its peak resident memory
    cached: bool = False


def dated_folder_articles(folders: Sequence[Path]) -> list[dict[str, str]]:
    """The articles of Timeline17-style source folders as JSON records, publication date from the day folder."""
    out = []
    for folder in folders:
        for day in sorted(p for p in (folder / "InputDocs").iterdir() if p.is_dir()):
            for f in sorted(day.glob("*.txt")):
                out.append({"id": f"{folder.name}/{day.name}/{f.name}", "published": day.name,
                            "source": folder.name, "text": f.read_text(encoding="utf-8", errors="replace")})
    return out


def build_code_version() -> str:
    """A hash of the code a build runs (everything in the package but its read side)."""
    root = Path(storyline.__file__).parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root).as_posix()
        if f.is_file() and f.suffix in (".py", ".sql", ".tsv", ".txt") and not rel.startswith(READ_SIDE):
            h.update(rel.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def build_store(name: str, articles: Sequence[dict[str, str]] | Path, cache: Path, rebuild: bool = False,
                any_code: bool = False) -> Built:
    """The store built by `storyline build` from the articles (records, or a .jsonl file), from the cache when
    the same articles were built by the same code before, for any benchmark (by any version of the code with
    `any_code`: the latest such store, said so on standard error)."""
    cache.mkdir(parents=True, exist_ok=True)
    data = articles.read_bytes() if isinstance(articles, Path) else "".join(
        json.dumps(a, ensure_ascii=False) + "\n" for a in articles).encode()
    key = f"{hashlib.sha256(data).hexdigest()[:12]}-{build_code_version()[:8]}"
    base = cache / f"{name}-{key}"
    db, meta, src = base.with_suffix(".duckdb"), base.with_suffix(".json"), base.with_suffix(".jsonl")
    n = data.count(b"\n")
    if not rebuild and not (db.exists() and meta.exists()):  # the same articles built by the same code, for
        same = [p for p in cache.glob(f"*-{key}.duckdb") if p.with_suffix(".json").exists()]  # another benchmark
        if same:
            db, meta = same[0], same[0].with_suffix(".json")
    if any_code and not rebuild and not (db.exists() and meta.exists()):
        older = sorted((p for p in cache.glob(f"*-{key[:12]}-*.duckdb") if p.with_suffix(".json").exists()),
                       key=lambda p: p.stat().st_mtime)
        if older:
            db, meta = older[-1], older[-1].with_suffix(".json")
            err.print(f"[yellow]{name}: reading {db.name}, built by another version of the build code[/yellow]")
    if db.exists() and meta.exists() and not rebuild:
        got = json.loads(meta.read_text())
        return Built(db, got["articles"], got["seconds"], got["peak_mb"], cached=True)
    src.write_bytes(data)
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    err.print(f"building {name}: {n} articles (`storyline build`, cached as {db.name})")
    seconds, peak_mb = run_measured([sys.executable, "-m", "storyline.cli", "build", str(src), "--db", str(db)])
    built = Built(db, n, round(seconds, 1), round(peak_mb, 1))
    meta.write_text(json.dumps({k: v for k, v in asdict(built).items() if k not in ("path", "cached")}))
    return built


def run_measured(cmd: Sequence[str]) -> tuple[float, float]:
    """Run a command (standard error passed through) and return its wall seconds and peak memory in MB; a failing
    command stops the benchmark with its exit status."""
    began = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err.print(f"[red]{' '.join(cmd[2:4])} failed with status {proc.returncode}[/red]")
        raise SystemExit(proc.returncode or 1)
    return time.perf_counter() - began, usage.ru_maxrss / 1024
