"""Benchmark 'clean': plain-text cleaning of scraped pages, on pages laid out like the scrapinghub
article-extraction benchmark (ground-truth.json and html/<id>.html.gz).

Each page is flattened to all its visible text (storyline_bench.flatten: menus, footers, comments and all,
as a user gets a page saved as text), and that text goes through the same cleaning a .txt file gets in
`storyline build`. The kept text is scored against the article body like `bench extract` (4-token shingles,
macro precision and recall), beside keeping every line and beside plain trafilatura on the original HTML.

The pages are split by site, with a fixed hash (see `held_out`): the cleaner's model is trained and tuned on
the 'tuning' part only, and the 'held-out' part is the figure that counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import typer

from storyline_bench import app
from storyline_bench.extract import load_pages, page_counts, plain_trafilatura, score
from storyline_bench.flatten import visible_text
from storyline_bench.report import DataOption, FormatOption, LimitOption, check_data, emit, err, track

HELD_OUT_SHARE = 50  # percent of sites held out from training and tuning
PARTS = ("held-out", "tuning")


def site(url: str | None, page_id: str) -> str:
    """The site a page comes from (its host without 'www.'), or its id when it has no URL."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or page_id


def held_out(url: str | None, page_id: str) -> bool:
    """True for pages of a held-out site: the SHA-1 of the site's name, modulo 100, is below HELD_OUT_SHARE."""
    digest = hashlib.sha1(site(url, page_id).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100 < HELD_OUT_SHARE


def part_of(url: str | None, page_id: str) -> str:
    """'held-out' or 'tuning'."""
    return PARTS[0] if held_out(url, page_id) else PARTS[1]


def cleaned_text(text: str, name: str = "page.txt") -> str:
    """The text storyline keeps of a plain-text page: the cleaning `storyline build` runs on a .txt file."""
    from storyline.clean import clean
    from storyline.records import Document, Raw

    doc = clean(Raw(id=name, path=name, data=text.encode("utf-8"), kind="text"))
    return doc.text if isinstance(doc, Document) else ""


def _systems() -> dict[str, Callable[[str, str, str | None], str]]:
    """Each system scored: (page id, html, url) -> the text it keeps."""
    return {
        "storyline": lambda pid, page, url: cleaned_text(visible_text(page), f"{pid}.txt"),
        "every line": lambda pid, page, url: visible_text(page),
        "trafilatura (HTML)": lambda pid, page, url: plain_trafilatura(page, url),
    }


@app.command("clean")
def run(data: Path = DataOption, fmt: str = FormatOption, limit: int = LimitOption,
        part: str = typer.Option("all", help="held-out, tuning, or all (both parts, reported apart).")) -> None:
    """Plain-text cleaning of pages flattened to their visible text, beside keeping every line and beside
    trafilatura on the HTML (4-token shingles, macro P/R/F1; held-out sites count)."""
    pages = load_pages(check_data(data))
    if part != "all":
        if part not in PARTS:
            err.print(f"[red]--part must be held-out, tuning or all, not {part}[/red]")
            raise typer.Exit(2)
        pages = [p for p in pages if part_of(p[2], p[0]) == part]
    if limit:
        pages = pages[:limit]
    err.print(f"{len(pages)} pages")
    systems = _systems()
    counts: dict[str, dict[str, list[tuple[float, float, float]]]] = {p: {s: [] for s in systems} for p in PARTS}
    for pid, page, url, truth in track(pages, "clean"):
        for name, system in systems.items():
            counts[part_of(url, pid)][name].append(page_counts(truth, system(pid, page, url)))
    counts["all"] = {name: [c for p in PARTS for c in counts[p][name]] for name in systems}
    figures: dict[str, object] = {"pages": len(pages)}
    rows = []
    for p in (*PARTS, "all"):
        n = len(counts[p]["storyline"])
        if not n:
            continue
        scored = {name: score(c) for name, c in counts[p].items()}
        figures[p] = {"pages": n, **scored["storyline"], "every_line": scored["every line"],
                      "trafilatura": scored["trafilatura (HTML)"]}
        rows += [{"part": p, "pages": n, "system": name, **s} for name, s in scored.items()]
    emit(figures, fmt, "bench clean", rows,
         notes=[f"Sites split by a hash of their name: {HELD_OUT_SHARE}% held out from training and tuning; "
                "the held-out figure is the one that counts ('all': both parts, for pages of other sites).",
                "storyline and 'every line' read each page flattened to its visible text; trafilatura reads the HTML."])
