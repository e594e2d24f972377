"""Exact and near-duplicate detection (placeholder: exact hash only until the dedupe work lands)."""

from __future__ import annotations

from collections.abc import Iterable

from storyline.records import Document, Duplicate
from storyline.settings import DEFAULT, Settings


class Deduper:
    """Remembers every document seen (from the store, then this run) and links copies to their canonical."""

    def __init__(self, settings: Settings = DEFAULT, hashes: dict[str, str] | None = None,
                 minhashes: Iterable[tuple[str, list[int]]] = ()) -> None:
        self.settings = settings
        self.hashes = dict(hashes or {})

    def check(self, doc: Document) -> Duplicate | None:
        """The duplicate link for a document, or None when it is the first of its kind; remembers it."""
        canon = self.hashes.get(doc.content_hash)
        if canon and canon != doc.id:
            return Duplicate(id=doc.id, canonical=canon, kind="exact", similarity=1.0)
        self.hashes.setdefault(doc.content_hash, doc.id)
        return None

    def signature(self, doc_id: str) -> list[int] | None:
        """The MinHash of a document checked in this run, to keep in the store."""
        return None
