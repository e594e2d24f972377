"""Actors: mentions found on the spaCy doc, merged into canonical actors within a document and across the corpus.

For the other stages: find() gives a document's mentions; at() the mention over a character span; within() the
mentions inside a span; name_of() the display name of an actor id ('person:xi-jinping' -> 'Xi Jinping',
'RUS' -> 'Russia'); actor_name() what to call a mention's actor; catalogue() the corpus-wide actors; relink() the corpus-level corrections to mention actors.
"""

from storyline.actors.catalogue import catalogue, relink
from storyline.actors.core import find
from storyline.actors.lookup import actor_name, at, name_of, names, within

__all__ = ["find", "catalogue", "relink", "at", "within", "name_of", "names", "actor_name"]
