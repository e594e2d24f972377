"""Same-event clustering (placeholder until the clustering work lands: one cluster per event)."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.records import Cluster, Event
from storyline.settings import DEFAULT, Settings


def assign(events: Sequence[Event], existing: Sequence[Cluster], settings: Settings = DEFAULT) -> list[Cluster]:
    """Clusters for the given events, joining existing clusters where they report the same event."""
    out = []
    for e in events:
        if e.cluster is None:
            e.cluster = f"c-{e.id}"
        out.append(Cluster(id=e.cluster, events=[e.id], documents=[e.doc], category=e.category,
                           actors=list(dict.fromkeys(e.actors + e.recipients)), date=e.date, summary=e.text))
    return out
