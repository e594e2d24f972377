"""Quotation finder (placeholder until the quotes work lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.records import Document, Mention, Quote
from storyline.settings import DEFAULT, Settings


def find(sdoc: Doc, doc: Document, mentions: list[Mention], settings: Settings = DEFAULT) -> list[Quote]:
    """The quotations of a document with speaker, cue and content offsets."""
    return []
