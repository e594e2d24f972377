"""Document and event dating (placeholder until the dating work lands)."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.records import Dated, Document, Event, Interval, TimeExpression
from storyline.settings import DEFAULT, Settings


def date_document(doc: Document, timexes: Sequence[TimeExpression], settings: Settings = DEFAULT,
                  pinned: str | None = None, peers: Sequence[Dated] = ()) -> Dated:
    """The document's date with its evidence: certain only when the evidence allows no other day."""
    if pinned:
        return Dated(date=pinned, certain=True, interval=Interval(pinned, pinned), source="pinned")
    return Dated(date=None, certain=False, interval=None, source="unknown")


def date_timexes(timexes: Sequence[TimeExpression], published: Dated) -> list[TimeExpression]:
    """The time expressions with value, interval and certainty resolved against the document's date."""
    return list(timexes)


def date_events(events: Sequence[Event], timexes: Sequence[TimeExpression], published: Dated) -> list[Event]:
    """The events with their dates: from their own time expression, else the document's date."""
    return [e for e in events]
