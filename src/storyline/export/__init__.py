"""Exports: tables (json, csv, parquet), TimelineJS3 JSON, GraphML actor network, PLOVER JSON lines.

Each format is a function registered by name: @exporter('name') on writer(storyline, out_path) -> the files written,
in a module of this package (every module here is imported when the formats are first asked for) or of another
package that names it under the entry point group 'storyline.exports'. A new format is one new file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline import validate
from storyline.api import Storyline
from storyline.plugins import discover, filed_under

Writer = Callable[[Storyline, Path], list[Path]]
FORMATS: dict[str, Writer] = {}


def exporter(name: str) -> Callable[[Writer], Writer]:
    """Register a writer under a format name."""
    return filed_under(FORMATS, name)


def formats() -> list[str]:
    """The names of every export format."""
    discover(__name__, "storyline.exports")
    return sorted(FORMATS)


class LeftOut(UserWarning):
    """Records an export leaves out, how many and why (the command line prints it as one line)."""


def export_format(name: str) -> str:
    """The export format of that name (any case); validate.BadValue lists the formats when there is none."""
    return validate.choice("export_format", name, formats(), "export format") or ""


def export(fmt: str, storyline: Storyline, out: Path) -> list[Path]:
    """Write the store in one format; returns the files written."""
    return FORMATS[export_format(fmt)](storyline, out)
