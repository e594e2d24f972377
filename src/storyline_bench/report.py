"""Shared plumbing for benchmarks: progress on standard error, figures as a table or one JSON object."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from storyline.progress import Reporter

T = TypeVar("T")
err = Console(stderr=True)

DataOption = typer.Option(..., "--data", help="Folder or file laid out like the benchmark's data in ../shared/bench.")


def _format(value: str) -> str:
    """The output format of a benchmark: table or json."""
    if value not in ("table", "json"):
        raise typer.BadParameter(f"{value!r} is not an output format; choose from table, json")
    return value


FormatOption = typer.Option("table", "--format", callback=_format,
                            help="table, or json for one JSON object on standard output.")
LimitOption = typer.Option(0, "--limit", min=0, help="At most this many items (0: all).")


def check_data(path: Path) -> Path:
    """The data path, or exit with a one-line reason when it does not exist."""
    if not path.exists():
        err.print(f"[red]no such file or folder: {path}[/red]")
        raise typer.Exit(2)
    return path


def track(items: Sequence[T] | Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Iterate with progress on standard error (storyline.progress: bars in a terminal, else a line now and then)."""
    with Reporter() as progress:
        yield from progress.track(items, label, total)


def emit(figures: dict[str, Any], fmt: str, title: str, rows: list[dict[str, Any]] | None = None,
         notes: Sequence[str] = ()) -> None:
    """Print a benchmark's figures: one JSON object with --format json, else a table (and notes)."""
    if fmt == "json":
        sys.stdout.write(json.dumps(figures, default=str) + "\n")
        return
    out = Console()
    if rows:
        table = Table(title=title)
        for col in rows[0]:
            table.add_column(str(col))
        for r in rows:
            table.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(v) for v in r.values()))
        out.print(table)
    else:
        out.print(f"[bold]{title}[/bold]")
        for k, v in figures.items():
            out.print(f"  {k}: {v:.3f}" if isinstance(v, float) else f"  {k}: {v}")
    for n in notes:
        out.print(n)
