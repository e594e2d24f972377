"""Actors: mentions found on the spaCy doc, merged into canonical actors within a document and across the corpus.

For the other stages:
- find(doc, parse, settings) -> a document's Mentions (see core.py for what label, actor, role, country mean);
- at(mentions, start, end) -> the Mention over a character span; within(mentions, start, end) -> those inside it;
- name_of(actor_id, mentions_or_actors) -> a display name ('person:xi-jinping' -> 'Xi Jinping', 'RUS' -> 'Russia');
- names(actor_ids, ...) -> display names without repeats; actor_name(mention) -> what to call a mention's actor
  ('Xi Jinping', 'United States', or for an unnamed role 'US spokesperson', 'senior diplomat (United States)');
- catalogue(mentions) -> the corpus-wide Actors; relink(mentions) -> (doc, index, actor) corrections that only the
  whole corpus can make (for Store.set_mention_actors);
- renames(mentions, links, before, after) -> per document, the names events and quotes were given there mapped to
  the catalogue's (rename_event, rename_quote apply them), so one actor has one name everywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.actors.canonical import Renames, rename_event, rename_quote, renames
from storyline.actors.catalogue import catalogue, relink
from storyline.actors.lookup import actor_name, at, name_of, names, within
from storyline.records import Document, Mention
from storyline.settings import DEFAULT, Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find", "catalogue", "relink", "at", "within", "name_of", "names", "actor_name", "renames", "Renames",
           "rename_event", "rename_quote"]


def find(doc: Document, parse: Doc, settings: Settings = DEFAULT) -> list[Mention]:
    """A document's actor mentions, found on its parse (spaCy is imported here: reading a store never needs it)."""
    from storyline.actors.core import find as found

    return found(doc, parse, settings)
