"""Benchmark 'dates': document dates on articles whose publication day is known, built the way a user builds them.

Layout: Timeline17's <folder>/InputDocs/<YYYY-MM-DD>/<id>.txt, the folder being the publication day (the truth);
--data is a folder of such source folders or one of them.
Each source folder's articles are copied to a temporary folder twice and built by running `storyline build`:
- 'dated': <folder>/<YYYY-MM-DD>/<id>.txt, an archive laid out by date (the folder dates are evidence);
- 'flat': <folder>/<id>.txt, the folder dates removed, so that only the text and the corpus date the articles.
A date is 'certain and right' when it is certain and the publication day, 'certain and wrong' when certain and any
other day (the worst outcome), 'uncertain and holds' when its interval holds the publication day, 'uncertain and
misses' otherwise. Beside it, in the same call, htmldate (extensive search) dates the same texts, given the same
path as URL, as a library user would; it states one day for each text or none.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err
from storyline_bench.stores import run_measured

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LAYOUTS = ("dated", "flat")
EXAMPLES = 20  # wrong dates listed in the JSON output, per layout


def articles(data: Path, folders: Sequence[str], limit: int) -> list[tuple[str, str, Path]]:
    """(source folder, publication day, file) of every article of the chosen source folders (all by default)."""
    out = []
    sources = [data] if (data / "InputDocs").is_dir() else sorted(p for p in data.iterdir() if (p / "InputDocs").is_dir())
    for folder in sources:
        if folders and folder.name not in folders:
            continue
        files = [(folder.name, d.name, f) for d in sorted((folder / "InputDocs").iterdir()) if DAY.match(d.name)
                 for f in sorted(d.glob("*.txt"))]
        out.extend(files[:limit] if limit else files)
    return out


def lay_out(items: Sequence[tuple[str, str, Path]], root: Path, layout: str) -> dict[str, str]:
    """Copy the articles under root in one layout; {the id a build gives each copy: its publication day}."""
    truth = {}
    for folder, day, f in items:
        rel = f"{folder}/{day}/{f.name}" if layout == "dated" else f"{folder}/{f.name}"
        n = 1
        while rel in truth:  # the same file name under two days: keep both in the flat layout
            n += 1
            rel = f"{folder}/{n}-{f.name}"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, root / rel)
        truth[rel] = day
    return truth


def build_and_read(root: Path, label: str) -> list[dict[str, Any]]:
    """Run `storyline build` on the folder, and read its documents through the API `storyline docs` prints."""
    import storyline

    db = root.parent / f"{label}.duckdb"
    err.print(f"{label}: storyline build {root}")
    run_measured([sys.executable, "-m", "storyline.cli", "build", str(root), "--db", str(db)])
    return storyline.open(db).docs()


def verdict(published: dict[str, Any] | None, truth: str) -> str:
    """'certain-right', 'certain-wrong', 'uncertain-holds' or 'uncertain-misses'."""
    p = published or {}
    if p.get("certain"):
        return "certain-right" if p.get("date") == truth else "certain-wrong"
    lo, hi = (p.get("interval") or [None, None])[:2]
    return "uncertain-holds" if (lo is None or lo <= truth) and (hi is None or truth <= hi) else "uncertain-misses"


def score(docs: Sequence[dict[str, Any]], truth: dict[str, str]) -> dict[str, Any]:
    """Counts and shares of each verdict (of the documents built, and of all articles: an empty file is rejected and
    never dated), and the wrong dates with their sources."""
    counts: Counter[str] = Counter()
    wrong = []
    for d in docs:
        day = truth.get(d["id"])
        if day is None:
            continue
        v = verdict(d.get("published"), day)
        counts[v] += 1
        if v in ("certain-wrong", "uncertain-misses"):
            p = d.get("published") or {}
            wrong.append({"id": d["id"], "truth": day, "verdict": v, "date": p.get("date"),
                          "interval": p.get("interval"), "source": p.get("source")})
    n = sum(counts.values())
    out: dict[str, Any] = {"articles": len(truth), "documents": n, "not built": len(truth) - n,
                           **{k: counts[k] for k in
                              ("certain-right", "certain-wrong", "uncertain-holds", "uncertain-misses")}}
    out["certain_right_share"] = round(counts["certain-right"] / n, 3) if n else 0.0
    out["certain_right_share_of_articles"] = round(counts["certain-right"] / len(truth), 3) if truth else 0.0
    out["wrong"] = wrong[:EXAMPLES]
    return out


def htmldate_reference(root: Path, truth: dict[str, str]) -> dict[str, Any]:
    """htmldate's extensive search on each text (wrapped in a page), given its path as URL."""
    from html import escape

    from htmldate import find_date

    counts: Counter[str] = Counter()
    for rel, day in truth.items():
        text = (root / rel).read_text(encoding="utf-8", errors="replace")
        page = "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines()) + "</body></html>"
        try:
            got = find_date(page, url=f"https://example.org/{rel}", extensive_search=True, original_date=True,
                            outputformat="%Y-%m-%d", min_date="1990-01-01", max_date=dt.date.today().isoformat())
        except Exception:  # noqa: BLE001 - a reference run that fails on one text counts it as undated
            got = None
        counts["none" if got is None else "right" if got == day else "wrong"] += 1
    n = sum(counts.values())
    return {"documents": n, "right": counts["right"], "wrong": counts["wrong"], "none": counts["none"],
            "right_share": round(counts["right"] / n, 3) if n else 0.0}


@app.command("dates")
def run(data: Path = DataOption, fmt: str = FormatOption,
        folder: list[str] = typer.Option([], "--folder", help="Only these source folders (default: all)."),
        layout: list[str] = typer.Option(list(LAYOUTS), "--layout", help="dated (folders named by day), flat, or both."),
        limit: int = typer.Option(0, "--limit", min=0, help="At most this many articles per source folder (0: all)."),
        keep: Path | None = typer.Option(None, "--keep", help="Build here and keep the stores (default: a temp dir).")
        ) -> None:
    """Document dates on Timeline17-style folders, built as dated folders and as flat ones, beside htmldate."""
    for name in layout:
        if name not in LAYOUTS:
            err.print(f"--layout {name!r} is not a layout; choose from {', '.join(LAYOUTS)}", style="red",
                      markup=False)
            raise typer.Exit(2)
    items = articles(check_data(data), folder, limit)
    if not items:
        err.print(f"[red]no <folder>/InputDocs/<YYYY-MM-DD>/*.txt articles under {data}[/red]")
        raise typer.Exit(2)
    err.print(f"{len(items)} articles from {len({f for f, _, _ in items})} source folders")
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="storyline-dates-", dir=keep))
    figures: dict[str, Any] = {"articles": len(items), "folders": sorted({f for f, _, _ in items})}
    rows = []
    try:
        for name in [x for x in LAYOUTS if x in layout]:
            root = work / name / "articles"
            truth = lay_out(items, root, name)
            ours = score(build_and_read(root, name), truth)
            ref = htmldate_reference(root, truth)
            figures[name] = {"storyline": ours, "htmldate": ref}
            rows.append({"layout": name, "articles": ours["articles"], "documents": ours["documents"],
                         "certain right": ours["certain-right"],
                         "certain WRONG": ours["certain-wrong"], "uncertain, holds": ours["uncertain-holds"],
                         "uncertain, misses": ours["uncertain-misses"], "certain right share": ours["certain_right_share"],
                         "htmldate right": ref["right_share"], "htmldate wrong": ref["wrong"]})
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    emit(figures, fmt, "bench dates", rows,
         notes=["truth: the publication day of each article's folder; 'flat' removes the folders before the build."])
