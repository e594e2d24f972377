"""Benchmark 'speed': the whole `storyline build`, step by step, beside bare spaCy on the same texts, and how its
time per article and peak memory grow with the corpus.

The build is the product's: `storyline build` run as a command on the articles (for a folder laid out like
Timeline17, <topic>/InputDocs/<date>/*.txt, the files under InputDocs; else every file under the folder), with
`--workers` as given, into a new store. Bare spaCy is `nlp.pipe` with the same model and its full pipeline, in a
process of its own, on exactly the texts the build parsed (read back from the store), in batches of the size the
build uses. Both are timed by the wall clock (the build may use several processes); the ratio is spaCy's seconds
over the build's. Peak memory is the largest sum, sampled four times a second, of the proportional set sizes of a
command's processes (memory shared by workers counted once).

Then what a user does next, each as a command timed by the wall clock, start-up included: a second build of the
same folder with `--add` articles held back from the first added to it (`add_ratio`: its seconds over the first
build's), `storyline timeline` on the store and `storyline --help`.

The sweep builds corpora of growing size made from the data: each article is a copy of a source article (taken in
turn) with half its lines swapped for lines of other articles of its topic, in its source's date folder, so that no
copy is a near-duplicate of another (MinHash Jaccard far below the dedupe threshold) and the text stays news text.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import typer

from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, LimitOption, check_data, emit, err

SWEEP = "1000,5000,20000"
STEPS = ("ingest", "parse", "sentences", "timex", "actors", "quotes", "events", "store-analysis", "analyse", "resolve",
         "index-text")


def articles(data: Path) -> list[Path]:
    """The article files under a folder: those under InputDocs folders when there are any, else every file."""
    if data.is_file():
        return [data]
    files = sorted(p for p in data.rglob("*") if p.is_file() and not p.name.startswith("."))
    docs = [p for p in files if "InputDocs" in p.relative_to(data).parts]
    return docs or files


def linked(files: list[Path], data: Path, folder: Path) -> Path:
    """A folder holding links to the files under their paths relative to `data` (the build reads only them)."""
    for f in files:
        target = folder / (f.relative_to(data) if data.is_dir() else f.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(f.resolve())
    return folder


# memory ---------------------------------------------------------------------------------------------------------
def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    out: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        out.setdefault(ppid, []).append(int(entry.name))
    return out


def _pss_kb(pid: int) -> int:
    """A process's proportional set size in kB (its resident size where the kernel gives no PSS)."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as f:
                for line in f:
                    if line.startswith(key):
                        return int(line.split()[1])
        except OSError:
            continue
    return 0


def tree_kb(root: int) -> int:
    """The summed proportional set size of a process and all its descendants, in kB."""
    kids, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo.extend(kids.get(pid, []))
    return total


@dataclass
class Timed:
    """A command's wall and CPU seconds (its children's included), its peak memory in GB, and its exit status."""

    seconds: float
    cpu: float
    peak_gb: float
    code: int
    stderr: str


def timed(cmd: list[str]) -> Timed:
    """Run a command, sampling the memory of its process tree."""
    before = os.times()
    clock = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
        peak, done = 0, threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.25):
                peak = max(peak, tree_kb(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        code = proc.wait()
        done.set()
        sampler.join()
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return Timed(time.perf_counter() - clock, cpu, round(peak / 1024**2, 3), code, text)


# the two runs ---------------------------------------------------------------------------------------------------
def build_cmd(folder: Path, db: Path, report: Path, workers: int) -> list[str]:
    """The `storyline build` command line."""
    return storyline_cmd("build", str(folder), "--db", str(db), "--workers", str(workers), "--report", str(report))


def storyline_cmd(*args: str) -> list[str]:
    """A `storyline` command line as a user types it (the installed script beside this Python, else -m)."""
    script = Path(sys.executable).with_name("storyline")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "storyline.cli", *args]


def run_build(folder: Path, db: Path, workers: int) -> tuple[Timed, dict]:
    """Build a store from a folder; the run's figures and the build's own report."""
    report = db.with_suffix(".report.json")
    run = timed(build_cmd(folder, db, report, workers))
    if run.code != 0:
        err.print(f"[red]the build failed ({run.code}):[/red] {run.stderr[-2000:]}")
        raise typer.Exit(1)
    return run, json.loads(report.read_text())


SPACY_SCRIPT = """
import json, sys, time
import duckdb, spacy
db, model, batch, cut = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with duckdb.connect(db, read_only=True) as con:
    texts = [r[0][:cut] for r in con.execute("SELECT text FROM documents WHERE analysed ORDER BY id").fetchall()]
nlp = spacy.load(model)
nlp("warm up")
clock, cpu = time.perf_counter(), time.process_time()
words = sum(len(d) for d in nlp.pipe(texts, batch_size=batch))
print(json.dumps({"docs": len(texts), "words": words, "seconds": time.perf_counter() - clock,
                  "cpu": time.process_time() - cpu}))
"""


def run_spacy(db: Path) -> tuple[Timed, dict]:
    """Bare spaCy on the texts the build parsed: nlp.pipe with the build's model and batch size, one process."""
    from storyline.settings import DEFAULT

    out = db.with_suffix(".spacy.json")
    cmd = [sys.executable, "-c", f"import sys; sys.stdout = open({str(out)!r}, 'w'); exec({SPACY_SCRIPT!r})",
           str(db), DEFAULT.spacy_model, str(DEFAULT.nlp_batch_size), str(DEFAULT.nlp_max_chars)]
    run = timed(cmd)
    if run.code != 0:
        err.print(f"[red]spaCy failed:[/red] {run.stderr[-2000:]}")
        raise typer.Exit(1)
    return run, json.loads(out.read_text())


def later_runs(data: Path, extra: list[Path], corpus: Path, db: Path, workers: int, built: float) -> dict:
    """What a user does next with the store built: add the held-back articles (a build of the same folder), ask
    for the timeline, and the start-up of a command (`--help`); wall seconds of each command, start-up included."""
    out: dict = {}
    if extra:
        linked(extra, data, corpus)
        err.print(f"adding {len(extra)} articles")
        added, rep = run_build(corpus, db, workers)
        out |= {"added": rep["added"], "add_seconds": round(added.seconds, 2),
                "add_ratio": round(added.seconds / built, 3) if built else None, "add_peak_gb": added.peak_gb,
                "add_steps": steps(rep, rep["added"])}
    err.print("storyline timeline; storyline --help")
    for key, cmd in (("timeline_seconds", storyline_cmd("timeline", "--db", str(db), "--format", "json")),
                     ("help_seconds", storyline_cmd("--help"))):
        t = timed(cmd)
        if t.code != 0:
            err.print(f"[red]{' '.join(cmd[1:])} failed ({t.code}):[/red] {t.stderr[-2000:]}")
            raise typer.Exit(1)
        out[key] = round(t.seconds, 3)
    return out


# the sweep's corpora --------------------------------------------------------------------------------------------
def topic_of(path: Path, data: Path) -> str:
    """The topic folder of an article (the part of its path before InputDocs), '' for a flat folder."""
    parts = path.relative_to(data).parts if data.is_dir() else (path.name,)
    return "/".join(parts[: parts.index("InputDocs")]) if "InputDocs" in parts else ""


def synthetic(files: list[Path], data: Path, size: int, folder: Path, seed: int = 17) -> Path:
    """A corpus of `size` articles made from the files: copies of each in turn with half their lines swapped for
    lines of other articles of the same topic, each in its source's folder."""
    rng = random.Random(seed)
    texts = {f: f.read_text("utf-8", "replace").splitlines() for f in files}
    pools: dict[str, list[str]] = {}
    for f, lines in texts.items():
        pools.setdefault(topic_of(f, data), []).extend(x for x in lines if len(x.split()) >= 4)
    for i in range(size):
        source = files[i % len(files)]
        lines = list(texts[source])
        pool = pools[topic_of(source, data)]
        for j in rng.sample(range(len(lines)), len(lines) // 2) if pool else []:
            lines[j] = rng.choice(pool)
        rel = source.relative_to(data) if data.is_dir() else Path(source.name)
        target = folder / rel.parent / f"{rel.stem}-{i}{rel.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def _rate(n: float, seconds: float) -> float:
    """Per second, rounded."""
    return round(n / seconds, 2) if seconds > 0 else 0.0


def steps(report: dict, docs: int) -> list[dict]:
    """The build's report as rows: seconds, documents and words per second of each step."""
    rows = []
    for name in STEPS:
        s = report["stages"].get(name)
        if s is None:
            continue
        words = s["words"]
        rows.append({"step": name, "seconds": round(s["seconds"], 2), "docs/s": _rate(s["docs"] or docs, s["seconds"]),
                     "words/s": _rate(words, s["seconds"]) if words else None})
    return rows


@app.command("speed")
def run(data: Path = DataOption, fmt: str = FormatOption,
        workers: int = typer.Option(1, "--workers", min=0,
                                    help="Processes for the build's per-document stages (0: one per core)."),
        limit: int = LimitOption,
        sweep: str = typer.Option(SWEEP, "--sweep", help="Corpus sizes of the sweep, comma-separated ('' for none)."),
        add: int = typer.Option(100, "--add", min=0, help="Articles held back and added by a second build (at most a "
                                                   "tenth of them)."),
        keep: Path = typer.Option(None, "--keep", help="Keep the stores and corpora in this folder.")) -> None:
    """The whole build beside bare spaCy on the same texts, step by step, then adding to it and reading it; a sweep.

    Adding articles to the store built, the timeline on it and start-up are timed as a user runs them; the sweep
    builds corpora of growing size."""
    files = articles(check_data(data))
    if limit:
        files = files[:limit]
    if not files:
        err.print(f"[red]no articles under {data}[/red]")
        raise typer.Exit(2)
    held = min(add, len(files) // 10)
    files, extra = (files[:-held], files[-held:]) if held else (files, [])
    sizes = [int(s) for s in sweep.split(",") if s.strip().isdigit() and int(s) > 0]
    if len(sizes) != len([s for s in sweep.split(",") if s.strip()]):
        err.print(f"[red]--sweep {sweep!r} is not a list of corpus sizes (1000,5000,20000)[/red]")
        raise typer.Exit(2)
    work = Path(tempfile.mkdtemp(prefix="storyline-speed-", dir=keep))
    try:
        err.print(f"{len(files)} articles; building with {workers} worker(s)")
        corpus = linked(files, data, work / "articles")
        build, report = run_build(corpus, work / "build.duckdb", workers)
        err.print(f"build: {build.seconds:.1f} s; bare spaCy on the same texts")
        spacy, parsed = run_spacy(work / "build.duckdb")
        words = report["stages"].get("parse", {}).get("words", 0)
        figures: dict = {
            "articles": len(files), "workers": workers, "analysed": report["analysed"],
            "duplicates": report["duplicates"], "rejected": report["rejected"],
            "seconds": round(build.seconds, 2), "cpu_seconds": round(build.cpu, 2),
            "docs_per_s": _rate(len(files), build.seconds), "words_per_s": _rate(words, build.seconds),
            "peak_gb": build.peak_gb,
            "spacy": {"docs": parsed["docs"], "words": parsed["words"], "seconds": round(parsed["seconds"], 2),
                      "docs_per_s": _rate(parsed["docs"], parsed["seconds"]),
                      "words_per_s": _rate(parsed["words"], parsed["seconds"]), "peak_gb": spacy.peak_gb},
            "ratio_to_spacy": round(parsed["seconds"] / build.seconds, 3) if build.seconds else None,
            "steps": steps(report, len(files)),
        }
        figures |= later_runs(data, extra, corpus, work / "build.duckdb", workers, build.seconds)
        figures["load_average"] = [round(x, 2) for x in os.getloadavg()]
        figures["sweep"] = []
        for size in sizes:
            err.print(f"sweep: {size} articles")
            folder = synthetic(files, data, size, work / f"sweep-{size}")
            run_, rep = run_build(folder, work / f"sweep-{size}.duckdb", workers)
            figures["sweep"].append({"articles": size, "analysed": rep["analysed"], "duplicates": rep["duplicates"],
                                     "rejected": rep["rejected"],
                                     "seconds": round(run_.seconds, 2), "s_per_article": round(run_.seconds / size, 4),
                                     "peak_gb": run_.peak_gb})
            shutil.rmtree(folder)
        if len(figures["sweep"]) > 1:
            first, last = figures["sweep"][0], figures["sweep"][-1]
            figures["sweep_growth"] = {"s_per_article": round(last["s_per_article"] / first["s_per_article"], 3),
                                       "peak_gb": round(last["peak_gb"] / first["peak_gb"], 3)}
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    rows = [{"run": f"storyline build --workers {workers}", "articles": len(files), "seconds": figures["seconds"],
             "docs/s": figures["docs_per_s"], "words/s": figures["words_per_s"], "peak GB": figures["peak_gb"]},
            {"run": "bare spaCy nlp.pipe, same texts", "articles": parsed["docs"], "seconds": figures["spacy"]["seconds"],
             "docs/s": figures["spacy"]["docs_per_s"], "words/s": figures["spacy"]["words_per_s"],
             "peak GB": spacy.peak_gb}]
    rows += [{"run": f"  step {r['step']}", "articles": "", "seconds": r["seconds"], "docs/s": r["docs/s"],
              "words/s": r["words/s"] or "", "peak GB": ""} for r in figures["steps"]]
    rows += [{"run": r, "articles": n, "seconds": figures[k], "docs/s": "", "words/s": "", "peak GB": ""}
             for r, n, k in ((f"add {len(extra)} to the store built", len(extra), "add_seconds"),
                             ("storyline timeline on it (wall, start-up included)", len(files) + len(extra),
                              "timeline_seconds"), ("storyline --help", "", "help_seconds")) if k in figures]
    rows += [{"run": f"sweep {s['articles']}", "articles": s["articles"], "seconds": s["seconds"],
              "docs/s": _rate(s["articles"], s["seconds"]), "words/s": "", "peak GB": s["peak_gb"]}
             for s in figures["sweep"]]
    emit(figures, fmt, "bench speed", rows, notes=[
        f"ratio to bare spaCy (its seconds over the build's, same texts): {figures['ratio_to_spacy']}",
        f"adding {len(extra)} articles took {figures.get('add_ratio')} of the build's time",
        "Steps: CPU seconds summed over workers for the per-document stages, wall seconds for the others.",
        f"load average at the end: {figures['load_average']}"])
