"""PLOVER event coder (placeholder until the events work lands)."""

from __future__ import annotations

from spacy.tokens import Doc

from storyline.records import Document, Event, Mention, TimeExpression
from storyline.settings import DEFAULT, Settings


def code(sdoc: Doc, doc: Document, mentions: list[Mention], timexes: list[TimeExpression],
         settings: Settings = DEFAULT) -> list[Event]:
    """The PLOVER events of a document."""
    return []
