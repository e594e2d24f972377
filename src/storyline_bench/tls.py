"""Benchmark 'tls': timeline summarization on the Timeline17 layout, through the product, scored as tilse and
news-tls score it.

Layout: <Topic>_<source>/InputDocs/<YYYY-MM-DD>/<id>.txt (the folder is the publication date) and
<Topic>_<source>/timelines/*.txt (reference timelines); source folders with the same part before the last
underscore (lowercased) form one topic; _keywords/<topic>.json holds the topic's keywords.

What is measured is what a user gets: for each topic, `storyline build` is run on the topic's articles (written
as one JSON-lines file with each article's publication date; cached by content and build code, see
storyline_bench.stores), then for each reference timeline the storyline is asked for its size, as news-tls's
evaluate.py does: the reference's date range, its number of dates and its average number of sentences per date,
with the topic's keywords (through the library API, or with --cli through `storyline timeline`). Figures are
averaged over reference timelines as news-tls does (F1 of the mean precision and mean recall), and printed beside
DATEWISE run here on the same topics, with each topic's build time and peak memory.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import typer

from storyline_bench import app
from storyline_bench import tlsmetrics as M
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err
from storyline_bench.stores import Built, build_store, dated_folder_articles

# news-tls DATEWISE run here on these topics (spaCy 3.8 rebuild, Perl ROUGE): AR1, AR2, Date F1.
DATEWISE = {
    "bpoil": (0.123, 0.032, 0.583), "finan": (0.097, 0.019, 0.637), "h1n1": (0.161, 0.039, 0.780),
    "haiti": (0.233, 0.075, 0.909), "iraqwar": (0.091, 0.035, 0.542), "mj": (0.141, 0.064, 0.395),
    "all": (0.139, 0.039, 0.645),
}
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DEFAULT_CACHE = Path(os.environ.get("STORYLINE_CACHE", "/tmp/storyline-cache"))


@dataclass
class Topic:
    """A topic: its source folders, keywords and reference timelines."""

    name: str
    folders: list[Path]
    keywords: list[str]
    references: list[tuple[str, dict[dt.date, list[str]]]]


def topics(data: Path) -> list[Topic]:
    """The topics of a Timeline17-style folder."""
    groups: dict[str, list[Path]] = {}
    for folder in sorted(p for p in data.iterdir() if p.is_dir() and (p / "InputDocs").is_dir()):
        name = folder.name.rsplit("_", 1)[0].lower() if "_" in folder.name else folder.name.lower()
        groups.setdefault(name, []).append(folder)
    out = []
    for name, folders in groups.items():
        kw_file = data / "_keywords" / f"{name}.json"
        keywords = [k.lower() for k in json.loads(kw_file.read_text())] if kw_file.exists() else []
        refs = [(f"{f.name}/{t.name}", read_timeline(t)) for f in folders
                for t in sorted((f / "timelines").glob("*.txt"))]
        out.append(Topic(name, folders, keywords, [(n, r) for n, r in refs if r]))
    return out


def read_timeline(path: Path) -> dict[dt.date, list[str]]:
    """A reference timeline: date line, its sentences, a line of dashes; repeated."""
    out: dict[dt.date, list[str]] = {}
    for block in re.split(r"\n-{5,}\s*\n?", path.read_text(encoding="utf-8", errors="replace")):
        lines = [ln.strip() for ln in block.strip().split("\n") if ln.strip()]
        if not lines or not DAY.match(lines[0]):
            continue
        d = dt.date.fromisoformat(lines[0])
        out.setdefault(d, []).extend(lines[1:])
    return {d: s for d, s in out.items() if s}


def score(pred: dict[dt.date, list[str]], ref: dict[dt.date, list[str]]) -> dict[str, dict]:
    """align+ m:1 ROUGE, concat, agreement and date selection for one predicted timeline."""
    return {"align_m1": M.align_m1(pred, [ref]), "concat": M.concat(pred, [ref]),
            "agreement": M.agreement(pred, [ref]), "date": M.date_prf(pred, [ref])}


def summarize_scores(results: Sequence[dict[str, dict]]) -> dict[str, float]:
    """Averages over reference timelines (F1 of mean precision and mean recall)."""
    out = {}
    for key, metric, measure in (("rouge1_align_m1", "align_m1", "rouge_1"), ("rouge2_align_m1", "align_m1", "rouge_2"),
                                 ("rouge1_concat", "concat", "rouge_1"), ("rouge2_concat", "concat", "rouge_2"),
                                 ("rouge1_agreement", "agreement", "rouge_1"),
                                 ("rouge2_agreement", "agreement", "rouge_2")):
        out[key] = M.average([r[metric][measure] for r in results])["f_score"]
    out["date_f1"] = M.average([r["date"] for r in results])["f_score"]
    return out


def size_of(ref: dict[dt.date, list[str]]) -> tuple[str, str, int, int]:
    """A reference timeline's date range, number of dates and average sentences per date (news-tls)."""
    dates = sorted(ref)
    k = max(1, round(sum(len(s) for s in ref.values()) / len(ref)))
    return dates[0].isoformat(), dates[-1].isoformat(), len(dates), k


def as_timeline(entries: Sequence[dict]) -> dict[dt.date, list[str]]:
    """Storyline entries as a scored timeline: each day's summary sentences."""
    out: dict[dt.date, list[str]] = {}
    for e in entries:
        if e.get("day"):
            out.setdefault(dt.date.fromisoformat(e["day"]), []).extend(s["text"] for s in e["sentences"])
    return out


def ask(built: Built, keywords: Sequence[str], ref: dict[dt.date, list[str]], cli: bool) -> list[dict]:
    """The storyline of a reference's size, from the library API or the `storyline timeline` command."""
    lo, hi, n, k = size_of(ref)
    if cli:
        cmd = [sys.executable, "-m", "storyline.cli", "timeline", "--db", str(built.path), "--from", lo, "--to", hi,
               "--dates", str(n), "--sentences", str(k), "--format", "json"]
        if keywords:
            cmd += ["--keywords", ",".join(keywords)]
        return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    from storyline.api import Storyline

    with Storyline(built.path) as story:
        return story.timeline(date_from=lo, date_to=hi, dates=n, sentences=k, keywords=keywords)


def run_topic(topic: Topic, cache: Path, cli: bool, rebuild: bool,
              any_build: bool = False) -> tuple[Built, list[dict[str, dict]]]:
    """Build one topic's store and score its storylines against each of its reference timelines."""
    built = build_store(f"tls-{topic.name}", dated_folder_articles(topic.folders), cache, rebuild, any_build)
    results = []
    for name, ref in topic.references:
        pred = as_timeline(ask(built, topic.keywords, ref, cli))
        res = score(pred, ref)
        res["name"] = name
        results.append(res)
        err.print(f"{name}: {len(pred)}/{len(ref)} dates, k={size_of(ref)[3]}, "
                  f"AR1 {res['align_m1']['rouge_1']['f_score']:.3f} AR2 {res['align_m1']['rouge_2']['f_score']:.3f} "
                  f"date F1 {res['date']['f_score']:.3f}")
    return built, results


def datewise_over(per_topic: dict[str, dict]) -> tuple[float | None, float | None, float | None]:
    """DATEWISE's figures over the topics run: its published run's when every topic it ran was run, else the
    mean of its topics' figures weighted by their timelines (None when it ran none of them)."""
    ran = {n: t["timelines"] for n, t in per_topic.items() if n in DATEWISE and t.get("timelines")}
    if set(ran) == set(DATEWISE) - {"all"}:
        return DATEWISE["all"]
    total = sum(ran.values())
    if not total:
        return None, None, None
    a, b, c = (round(sum(DATEWISE[n][i] * k for n, k in ran.items()) / total, 3) for i in range(3))
    return a, b, c


@app.command("tls")
def run(data: Path = DataOption, fmt: str = FormatOption,
        cache: Path = typer.Option(DEFAULT_CACHE, "--cache", help="Where built stores are cached (not the repo)."),
        topic: list[str] = typer.Option([], "--topic", help="Only these topics (default: all)."),
        cli: bool = typer.Option(False, "--cli", help="Ask `storyline timeline` (a command per timeline) rather "
                                                      "than the library API."),
        rebuild: bool = typer.Option(False, "--rebuild", help="Build the stores again even when cached."),
        any_build: bool = typer.Option(False, "--any-build", help="Read a cached store of the same articles even "
                                                                  "when built by other build code (to tune the "
                                                                  "storyline alone).")) -> None:
    """Timeline summarization on Timeline17-style data through `storyline build` and the storyline: align+ m:1
    ROUGE-1/2 and date F1, beside DATEWISE, with each topic's build time and peak memory."""
    check_data(data)
    began = time.time()
    chosen = [t for t in topics(data) if not topic or t.name in topic]
    if not chosen:
        err.print(f"no topics with InputDocs under {data}")
        raise typer.Exit(2)
    per_topic: dict[str, dict] = {}
    everything: list[dict[str, dict]] = []
    for t in chosen:
        built, results = run_topic(t, cache, cli, rebuild, any_build)
        per_topic[t.name] = {"timelines": len(results), "articles": built.articles, "build_seconds": built.seconds,
                             "build_peak_mb": built.peak_mb, "build_cached": built.cached}
        if results:
            per_topic[t.name] |= summarize_scores(results)
            everything.extend(results)
    figures: dict = summarize_scores(everything) if everything else {}
    marks = DATEWISE | {"all": datewise_over(per_topic)}
    figures |= {"timelines": len(everything), "topics": per_topic, "seconds": round(time.time() - began, 1),
                "via": "cli" if cli else "api",
                "datewise": {n: dict(zip(("rouge1_align_m1", "rouge2_align_m1", "date_f1"), v, strict=True))
                             for n, v in marks.items() if v[0] is not None}}
    rows = []
    for name, f in list(per_topic.items()) + [("all", figures)]:
        mark = marks.get(name, (None, None, None))
        rows.append({"topic": name, "timelines": f.get("timelines", 0),
                     "AR1": f.get("rouge1_align_m1", 0.0), "DATEWISE AR1": mark[0] if mark[0] is not None else "-",
                     "AR2": f.get("rouge2_align_m1", 0.0), "DATEWISE AR2": mark[1] if mark[1] is not None else "-",
                     "date F1": f.get("date_f1", 0.0), "DATEWISE date F1": mark[2] if mark[2] is not None else "-",
                     "build s": f.get("build_seconds", "-"), "build MB": f.get("build_peak_mb", "-")})
    emit(figures, fmt, "Timeline summarization through build + storyline (align+ m:1 ROUGE, date F1)", rows,
         notes=[f"{figures['seconds']:.0f} s; DATEWISE = news-tls run here on the same topics (marks to beat; on a "
                "part of the topics, 'all' is its topics' figures weighted by their timelines); "
                "build figures of cached stores are those of the run that built them"])
