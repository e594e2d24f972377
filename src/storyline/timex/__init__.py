"""Time expressions: find them on the spaCy doc, give each a TIMEX3 type and value, resolve against an anchor."""

from storyline.timex.tagger import resolve, tag

__all__ = ["tag", "resolve"]
