"""storyline: a clean, deduplicated, dated and sourced timeline of who did what to whom, from news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from storyline.api import Storyline


def open(path: str = "storyline.duckdb") -> Storyline:  # noqa: A001 - the public name the brief asks for
    """Open a store for reading: `storyline.open('x.duckdb').timeline()`."""
    from storyline.api import Storyline

    return Storyline(path)
