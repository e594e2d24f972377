"""Progress on standard error: the columns every progress bar shows."""

from __future__ import annotations

from typing import Any


def progress_columns() -> list[Any]:
    """The columns of every progress bar: what, bar, count, rate, time."""
    from rich.progress import BarColumn, MofNCompleteColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn

    return [TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
            TaskProgressColumn(show_speed=True), TimeElapsedColumn()]
