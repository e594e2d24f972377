"""Events: sentence-level PLOVER coding with actors, recipients and the time expression that dates them.

The coder is pluggable: `Coder` (events.coder) is the protocol, `register(name)` adds one, and
Settings.event_coder picks it ('rules', the CPU default; 'openai', an OpenAI-compatible endpoint).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.events.coder import CODERS, Coder, get_coder, register
from storyline.records import Document, Event
from storyline.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["code", "Coder", "CODERS", "register", "get_coder"]


def code(doc: Document, parse: Doc, settings: Settings = DEFAULT) -> list[Event]:
    """The PLOVER events of a parsed document (spaCy is imported here: reading a store never needs it)."""
    from storyline.events.core import code as coded

    return coded(doc, parse, settings)
