"""Benchmark 'web': the web app's pages as a reader fetches them, on a store built from the data.

A store is built with `storyline build` from the articles (a Timeline17-style folder: `--articles` of them,
spread evenly over its source folders, each with the publication date of its day folder; or a JSON-lines file),
cached like the tls benchmark's (storyline_bench.stores). `storyline serve` then serves it on a loopback port, and
the storyline page, the full event log's first page, an event page (the storyline's first event), an actor page
(the most mentioned actor) and a search page (that actor's name) are each fetched `--fetches` times over HTTP.
Printed per page: the median and the first (cold) fetch time and the size, beside the app's stylesheet fetched
the same way (the server's floor) and the bars of 300 ms and 300 KB for the storyline page.
"""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import typer

from storyline_bench import app
from storyline_bench.report import DataOption, FormatOption, check_data, emit, err
from storyline_bench.stores import build_store, dated_folder_articles
from storyline_bench.tls import DEFAULT_CACHE

BAR_MS, BAR_KB = 300, 300


def sample(data: Path, n: int) -> list[dict[str, str]] | Path:
    """n articles spread evenly over the source folders of a Timeline17-style folder (all when n is 0), or the
    JSON-lines file as it is."""
    if data.is_file():
        return data
    folders = sorted(p for p in data.iterdir() if p.is_dir() and (p / "InputDocs").is_dir())
    articles = dated_folder_articles(folders)
    if not n or n >= len(articles):
        return articles
    step = len(articles) / n
    return [articles[int(i * step)] for i in range(n)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[float, int, str]:
    """(seconds, bytes, text) of one GET."""
    began = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as r:  # noqa: S310 - a loopback URL we built
        body = r.read()
    return time.perf_counter() - began, len(body), body.decode("utf-8", errors="replace")


def _serve(db: Path, port: int) -> subprocess.Popen:
    """`storyline serve` on a loopback port, once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "storyline.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            fetch(f"http://127.0.0.1:{port}/static/style.css")
            return proc
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    proc.kill()
    err.print("[red]`storyline serve` did not start[/red]")
    raise typer.Exit(1)


def _first(pattern: str, html: str) -> str | None:
    m = re.search(pattern, html)
    return m.group(1) if m else None


@app.command("web")
def run(data: Path = DataOption, fmt: str = FormatOption,
        articles: int = typer.Option(1000, "--articles", min=1, help="How many articles of a Timeline17-style folder to "
                                                              "build the store from (0: all)."),
        fetches: int = typer.Option(5, "--fetches", min=1, help="Fetches per page."),
        cache: Path = typer.Option(DEFAULT_CACHE, "--cache", help="Where built stores are cached (not the repo)."),
        rebuild: bool = typer.Option(False, "--rebuild", help="Build the store again even when cached."),
        any_build: bool = typer.Option(False, "--any-build", help="Read a cached store of the same articles even "
                                                                  "when built by other build code (to time the "
                                                                  "pages alone).")) -> None:
    """Median time and size of the web app's pages (storyline, event log, event, actor, search) on a store built
    from the data, beside the stylesheet's fetch and the storyline page's bars (300 ms, 300 KB)."""
    check_data(data)
    built = build_store("web", sample(data, articles), cache, rebuild, any_build)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _serve(built.path, port)
    try:
        _, _, story = fetch(base + "/")
        event = _first(r'href="(/event/[^"]+)"', story)
        _, _, actors = fetch(base + "/actors")
        actor = _first(r'href="(/actor/[^"]+)"', actors)
        name = _first(r'href="/actor/[^"]+">([^<]+)<', actors) or "the"
        pages = {"stylesheet (floor)": "/static/style.css", "storyline": "/", "event log": "/?all=1",
                 "event": event, "actor": actor, "search": f"/search?q={quote(name)}"}
        rows, figures = [], {}
        for label, path in pages.items():
            if path is None:
                err.print(f"no {label} page to fetch (the storyline links none)")
                continue
            times, size = [], 0
            for _ in range(max(1, fetches)):
                seconds, size, _ = fetch(base + path)
                times.append(seconds * 1000)
            fig = {"path": path, "median_ms": round(statistics.median(times), 1), "first_ms": round(times[0], 1),
                   "kb": round(size / 1024, 1)}
            figures[label] = fig
            rows.append({"page": label, "median ms": fig["median_ms"], "first ms": fig["first_ms"],
                         "KB": fig["kb"], "bar": f"{BAR_MS} ms, {BAR_KB} KB" if label == "storyline" else "-"})
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    out = {"pages": figures, "articles": built.articles, "build_seconds": built.seconds,
           "build_peak_mb": built.peak_mb, "build_cached": built.cached,
           "storyline_within_bars": bool(figures.get("storyline")) and figures["storyline"]["median_ms"] < BAR_MS
           and figures["storyline"]["kb"] < BAR_KB}
    emit(out, fmt, f"Web pages on a store of {built.articles} articles ({fetches} fetches each)", rows,
         notes=[f"store built in {built.seconds:.0f} s, peak {built.peak_mb:.0f} MB"
                f"{' (cached: the figures of the run that built it)' if built.cached else ''}"])
