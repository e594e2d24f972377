"""Events: sentence-level PLOVER coding with actors, recipients and the time expression that dates them."""

from storyline.events.core import code

__all__ = ["code"]
