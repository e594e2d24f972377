"""Actor mentions and the actor catalogue (placeholder until the actors work lands)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from storyline.records import Actor, Document, Mention
from storyline.settings import DEFAULT, Settings


def find(sdoc: Doc, doc: Document, settings: Settings = DEFAULT) -> list[Mention]:
    """The actor mentions of a document, each linked to a canonical actor id."""
    return []


def catalogue(mentions: Iterable[Mention], settings: Settings = DEFAULT) -> list[Actor]:
    """The corpus-wide canonical actors, from every mention."""
    return []
