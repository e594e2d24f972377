"""Benchmark 'events' (placeholder: not built yet)."""

from __future__ import annotations

from pathlib import Path

import typer

from storyline.bench import app
from storyline.bench.report import DataOption, FormatOption, err


@app.command("events")
def run(data: Path = DataOption, fmt: str = FormatOption) -> None:
    """Not built yet."""
    err.print("bench events is not built yet")
    raise typer.Exit(2)
