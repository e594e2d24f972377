"""Exports: tables (json, csv, parquet), TimelineJS3 JSON, GraphML actor network, PLOVER JSON lines.

Each format is a function registered by name in FORMATS: writer(storyline, out_path) -> list of files written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.api import Storyline

Writer = Callable[[Storyline, Path], list[Path]]
FORMATS: dict[str, Writer] = {}


def exporter(name: str) -> Callable[[Writer], Writer]:
    """Register a writer under a format name."""

    def register(fn: Writer) -> Writer:
        FORMATS[name] = fn
        return fn

    return register


def export(fmt: str, storyline: Storyline, out: Path) -> list[Path]:
    """Write the store in one format; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose from {', '.join(sorted(FORMATS))}")
    return FORMATS[fmt](storyline, out)


from storyline.export import graph, tables, timelinejs  # noqa: E402,F401  (registers the formats)

try:  # the PLOVER writer lives with the events work
    from storyline.export import plover  # noqa: F401
except ImportError:  # pragma: no cover - only while it is being written
    pass
