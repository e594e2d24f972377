"""Actors: mentions found on the spaCy doc, merged into canonical actors within a document and across the corpus."""

from storyline.actors.core import catalogue, find

__all__ = ["find", "catalogue"]
