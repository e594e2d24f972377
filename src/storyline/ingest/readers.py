"""Readers for every input layout; each yields Raw records (or Reject with a one-line reason)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.records import Raw, Reject
from storyline.settings import DEFAULT, Settings


def read(paths: Iterable[str | Path], settings: Settings = DEFAULT) -> Iterator[Raw | Reject]:
    """Every item under the given files and folders, one at a time."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                yield from read_file(f, f.relative_to(p).as_posix(), settings)
        elif p.is_file():
            yield from read_file(p, p.name, settings)
        else:
            yield Reject(id=str(p), path=str(p), reason="no such file or folder")


def read_file(path: Path, doc_id: str, settings: Settings = DEFAULT) -> Iterator[Raw | Reject]:
    """The items in one file (placeholder: text and HTML only)."""
    data = path.read_bytes()
    kind = "html" if path.suffix.lower() in settings.html_suffixes else "text"
    yield Raw(id=doc_id, path=str(path), data=data, kind=kind)
