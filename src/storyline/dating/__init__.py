"""Dating: the document's date from all evidence, the dates of its time expressions and events, and date repair
through same-event clusters.

Use, per document:  published = date_document(doc, timexes, settings, pinned=pins.get(doc.id))
                    timexes = date_timexes(timexes, published); events = date_events(events, timexes, published)
After clustering:   see storyline.dating.repair (peer_constraints, then date_document(..., peers=...), then
                    date_clusters).
"""

from storyline.dating.anchoring import date_timexes, resolve_between
from storyline.dating.documents import date_document
from storyline.dating.events import date_events, event_timex
from storyline.dating.repair import cluster_date, date_clusters, peer_constraints

__all__ = ["date_document", "date_timexes", "date_events", "event_timex", "resolve_between",
           "peer_constraints", "date_clusters", "cluster_date"]
