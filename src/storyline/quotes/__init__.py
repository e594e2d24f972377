"""Quotes: direct and indirect quotations with their speaker and cue."""

from storyline.quotes.core import find

__all__ = ["find"]
